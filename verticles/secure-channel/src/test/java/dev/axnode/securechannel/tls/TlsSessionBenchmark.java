package dev.axnode.securechannel.tls;

import dev.axnode.securechannel.SecurityProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk throughput of two {@link TlsSession}s back to back in memory, fed as the swarm feeds
 * them: yamux frames (a 12-byte header and a heap payload, composed) go down, the records come
 * up in network-sized slices (as TCP and pnet hand them over). Compare with
 * {@code NoiseTransportBenchmark}. Not a unit test; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main TlsSessionBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsSessionBenchmark {

  /** The largest yamux frame payload the swarm sends (the Noise frame's plaintext less the header). */
  private static final int PAYLOAD = 65535 - 16 - 12;
  /** What one socket read hands up, about. */
  private static final int NETWORK_SLICE = 64 * 1024;

  @Param({"openssl", "jdk"})
  public String engine;

  private TlsSecurity aliceTls;
  private TlsSecurity bobTls;
  private TlsPeers.Collector aliceSink;
  private TlsPeers.Collector bobSink;
  private SecurityProtocol.Session alice;
  private SecurityProtocol.Session bob;
  private final ByteBuf header = Unpooled.directBuffer(12).writeZero(12);
  private final ByteBuf payload = Unpooled.wrappedBuffer(new byte[PAYLOAD]);
  private final ByteBuf wire = Unpooled.directBuffer(4 * NETWORK_SLICE);

  @Setup
  public void setUp() throws Exception {
    TlsPeers.Identity a = TlsPeers.Identity.random();
    TlsPeers.Identity b = TlsPeers.Identity.random();
    aliceTls = TlsSecurity.create(a.certificate(), engine.equals("openssl"));
    bobTls = TlsSecurity.create(b.certificate(), engine.equals("openssl"));
    aliceSink = new TlsPeers.Collector();
    bobSink = new TlsPeers.Collector();
    alice = aliceTls.open(true, b.nodeId(), aliceSink);
    bob = bobTls.open(false, null, bobSink);
    bob.start();
    alice.start();
    pump();
    // as yamux would: the dialer's first bytes (OpenSSL's listener may finish only on them)
    alice.send(Unpooled.directBuffer(1).writeByte(0));
    pump();
    if (aliceSink.secured == null || bobSink.secured == null) {
      throw new IllegalStateException("the handshake did not finish: dialer " + aliceSink.secured
          + ", listener " + bobSink.secured);
    }
  }

  private void pump() throws Exception {
    while (!aliceSink.network.isEmpty() || !bobSink.network.isEmpty()) {
      deliver(aliceSink, bob);
      deliver(bobSink, alice);
    }
  }

  private static void deliver(TlsPeers.Collector from, SecurityProtocol.Session to) throws Exception {
    ByteBuf b;
    while ((b = from.network.poll()) != null) {
      try {
        to.fromNetwork(b);
      } finally {
        b.release();
      }
    }
  }

  @TearDown
  public void tearDown() {
    alice.release();
    bob.release();
    aliceTls.release();
    bobTls.release();
  }

  /** Four yamux frames sent, their records delivered in 64 KiB slices: bytes/s = score × 4 × 65507. */
  @Benchmark
  public long fourFramesThrough() throws Exception {
    long before = bobSink.plaintextBytes;
    for (int i = 0; i < 4; i++) {
      alice.send(Unpooled.compositeBuffer(2).addComponents(true, header.retainedDuplicate(),
          payload.retainedDuplicate()));
    }
    ByteBuf b;
    while ((b = aliceSink.network.poll()) != null) {
      wire.writeBytes(b);
      b.release();
    }
    while (wire.isReadable()) {
      ByteBuf slice = wire.readRetainedSlice(Math.min(NETWORK_SLICE, wire.readableBytes()));
      try {
        bob.fromNetwork(slice);
      } finally {
        slice.release();
      }
    }
    wire.clear();
    return bobSink.plaintextBytes - before;
  }

}
