package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerfTest {

  private static final long MIB = 1024 * 1024;

  private final List<PerfServer> servers = new ArrayList<>();
  private final SessionPair pair = new SessionPair(new StreamProtocols(),
      new StreamProtocols().register(Perf.PROTOCOL_ID, (stream, leftover) -> {
        PerfServer server = new PerfServer(stream);
        servers.add(server);
        server.start(leftover);
      }));
  private long clock = 1_000_000_000L;

  @AfterEach
  void tearDown() {
    pair.shutdownAndCheck();
  }

  @Test
  void tenMebibytesEachWayWithPacedWrites() {
    long[] maxQueued = {0};
    pair.afterEachDelivery = () -> pair.listenerSide.inbound.stream()
        .forEach(s -> maxQueued[0] = Math.max(maxQueued[0], s.queuedBytes()));
    CompletableFuture<PerfResult> run = Perf.run(pair.dialerSide.protocols, pair.dialer,
        10 * MIB, 10 * MIB, () -> clock += 1_000);
    pair.pump();
    PerfResult result = run.join();
    assertEquals(10 * MIB, result.uploadBytes());
    assertEquals(10 * MIB, result.downloadBytes());
    assertEquals(10 * MIB, servers.get(0).uploaded());
    assertTrue(result.uploadNanos() > 0 && result.downloadNanos() > 0, result.toString());
    assertEquals(result.uploadSeconds() + result.downloadSeconds(), result.totalSeconds(), 1e-9);
    assertTrue(maxQueued[0] <= YamuxConfig.DEFAULT_WRITE_HIGH_WATER_MARK + Perf.CHUNK_SIZE,
        "server queued " + maxQueued[0]);
    assertEquals(0, pair.dialer.streamCount());
    assertEquals(0, pair.listener.streamCount());
  }

  @Test
  void zeroBytesBothWays() {
    CompletableFuture<PerfResult> run = Perf.run(pair.dialerSide.protocols, pair.dialer, 0, 0);
    pair.pump();
    assertEquals(new PerfResult(0, 0, run.join().uploadNanos(), run.join().downloadNanos()), run.join());
  }

  @Test
  void moreThanATebibyteWantedIsRefusedWithReset() {
    YamuxStream raw = RawStreams.negotiate(pair, Perf.PROTOCOL_ID);
    Collector c = Collector.attach(raw);
    raw.write(Unpooled.buffer(8).writeLong(Perf.MAX_BYTES_WANTED + 1));
    pair.pump();
    assertTrue(c.reset);
    assertFalse(pair.listener.isClosed());
  }

  @Test
  void endingBeforeTheSizeIsComplete() {
    YamuxStream raw = RawStreams.negotiate(pair, Perf.PROTOCOL_ID);
    Collector c = Collector.attach(raw);
    raw.write(Unpooled.wrappedBuffer(new byte[5]));
    raw.closeWrite();
    pair.pump();
    assertTrue(c.reset);
  }

  @Test
  void aServerSendingTooMuchFailsTheRun() {
    SessionPair other = new SessionPair(new StreamProtocols(), new StreamProtocols().register(Perf.PROTOCOL_ID,
        (stream, leftover) -> {
          leftover.release();
          stream.write(Unpooled.wrappedBuffer(new byte[10]));
        }));
    CompletableFuture<PerfResult> run = Perf.run(other.dialerSide.protocols, other.dialer, 0, 5);
    other.pump();
    assertEquals("perf: server sent more than the 5 bytes asked for",
        StreamProtocolsTest.failure(run, PerfException.class).getMessage());
    other.shutdownAndCheck();
  }

  @Test
  void badArgumentsAreRefusedUpFront() {
    assertThrows(IllegalArgumentException.class,
        () -> Perf.run(pair.dialerSide.protocols, pair.dialer, -1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> Perf.run(pair.dialerSide.protocols, pair.dialer, 0, Perf.MAX_BYTES_WANTED + 1));
  }
}
