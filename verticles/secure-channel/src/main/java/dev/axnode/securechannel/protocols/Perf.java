package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxSession;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * perf ({@code /perf/1.0.0}): throughput measurement over one stream.
 *
 * <pre>
 *   client                                   server
 *   u64 big-endian bytes wanted (8 bytes) --&gt;
 *   upload bytes ...                      --&gt;  counted and dropped
 *   FIN                                   --&gt;
 *                                         &lt;--  bytes wanted, in 64 KiB chunks
 *                                         &lt;--  FIN
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/perf/perf.md
 */
public final class Perf {

  public static final String PROTOCOL_ID = "/perf/1.0.0";
  /** Largest download a server agrees to send: 1 TiB. Above it, the stream is reset. */
  public static final long MAX_BYTES_WANTED = 1L << 40;
  /** Four full yamux frames over Noise (65507 bytes each), so no write leaves a small tail frame. */
  public static final int CHUNK_SIZE = 4 * 65_507;

  private Perf() {
  }

  /** The server's handler. */
  public static StreamHandler server() {
    return (stream, leftover) -> new PerfServer(stream).start(leftover);
  }

  /** Opens a perf stream and runs one measurement, timed with {@link System#nanoTime}. */
  public static CompletableFuture<PerfResult> run(StreamProtocols protocols, YamuxSession session,
      long uploadBytes, long downloadBytes) {
    return run(protocols, session, uploadBytes, downloadBytes, System::nanoTime);
  }

  /** As {@link #run(StreamProtocols, YamuxSession, long, long)}, counting the bytes moved so far in {@code progress}. */
  public static CompletableFuture<PerfResult> run(StreamProtocols protocols, YamuxSession session,
      long uploadBytes, long downloadBytes, PerfProgress progress) {
    return run(protocols, session, uploadBytes, downloadBytes, System::nanoTime, progress);
  }

  /** As {@link #run(StreamProtocols, YamuxSession, long, long)} with a clock seam. */
  public static CompletableFuture<PerfResult> run(StreamProtocols protocols, YamuxSession session,
      long uploadBytes, long downloadBytes, LongSupplier nanoClock) {
    return run(protocols, session, uploadBytes, downloadBytes, nanoClock, new PerfProgress());
  }

  private static CompletableFuture<PerfResult> run(StreamProtocols protocols, YamuxSession session,
      long uploadBytes, long downloadBytes, LongSupplier nanoClock, PerfProgress progress) {
    PerfClient.check(uploadBytes, downloadBytes);
    return protocols.open(session, PROTOCOL_ID)
        .thenCompose(opened -> new PerfClient(opened, uploadBytes, downloadBytes, nanoClock, progress).run());
  }
}
