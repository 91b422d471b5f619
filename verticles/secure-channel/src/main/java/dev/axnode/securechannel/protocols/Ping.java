package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * ping ({@code /ipfs/ping/1.0.0}): the dialer sends 32 random bytes, the listener echoes
 * them, repeated on one stream until the dialer closes.
 *
 * <pre>
 *   dialer                 listener
 *   32 random bytes  --&gt;
 *                    &lt;--   the same 32 bytes        (echoed per complete 32-byte block)
 *   ... again ...
 *   FIN              --&gt;
 *                    &lt;--   FIN
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/ping/ping.md
 */
public final class Ping {

  public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
  public static final int PAYLOAD_SIZE = 32;

  private Ping() {
  }

  /** The listener's handler: echoes every complete 32-byte block until FIN or reset. */
  public static StreamHandler responder() {
    return (stream, leftover) -> new Responder(stream).start(leftover);
  }

  /** Opens a ping stream; the client measures with {@link System#nanoTime}. */
  public static CompletableFuture<PingClient> open(StreamProtocols protocols, YamuxSession session) {
    return protocols.open(session, PROTOCOL_ID)
        .thenApply(opened -> new PingClient(opened, System::nanoTime, new SecureRandom()));
  }

  /** A ping client on a negotiated stream, with a clock seam for tests. */
  public static PingClient client(NegotiatedStream opened, LongSupplier nanoClock) {
    return new PingClient(opened, nanoClock, new SecureRandom());
  }

  private static final class Responder extends ProtocolStream {
    private final byte[] block = new byte[PAYLOAD_SIZE];
    private int filled;

    Responder(YamuxStream stream) {
      super(stream);
      creditOnlyWhenWritable();
    }

    @Override
    protected void onBytes(ByteBuf in) {
      while (in.isReadable()) {
        int n = Math.min(PAYLOAD_SIZE - filled, in.readableBytes());
        in.readBytes(block, filled, n);
        filled += n;
        if (filled == PAYLOAD_SIZE) {
          filled = 0;
          if (!stream.write(Unpooled.copiedBuffer(block))) {
            throw new PingException("echo refused: the peer does not read its echoes");
          }
        }
      }
    }

    @Override
    protected void onEnd() {
      finish();
      stream.closeWrite();
    }

    @Override
    protected void onFailure(StreamProtocolException error) {
      // Nothing waits for the responder; the stream is already reset.
    }

    @Override
    protected StreamProtocolException error(String message, Throwable cause) {
      return new PingException(message, cause);
    }
  }
}
