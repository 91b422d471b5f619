package dev.axnode.securechannel.noise;

import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transport throughput on 64 KiB chunks (PROTOCOLS.md measures the JDK cipher at about
 * 277 MB/s on Java 17 here). Not a unit test; run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main NoiseTransportBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NoiseTransportBenchmark {

  private static final int CHUNK = 64 * 1024;

  /** Which AEAD the transport runs on: the JDK's cipher, or libsodium's where it loads. */
  @Param({"jdk", "libsodium"})
  public String aead;

  private NoiseTransport sender;
  private NoiseTransport receiver;
  private ByteBuf plaintext;

  @Setup
  public void setUp() throws NoiseException {
    if (aead.equals("libsodium") && !Sodium.load()) {
      throw new IllegalStateException(Sodium.describe());
    }
    NoiseXXHandshake initiator = TestIdentity.fromSeed(1).initiator(null);
    NoiseXXHandshake responder = TestIdentity.fromSeed(2).responder();
    NoiseXXHandshakeTest.run(initiator, responder);
    sender = initiator.transport();
    receiver = responder.transport();
    plaintext = Unpooled.wrappedBuffer(NoiseXXHandshakeTest.pattern(CHUNK));
  }

  /** One 64 KiB chunk sealed and opened: bytes per second = score × 65536. */
  @Benchmark
  public int sealAndOpen64KiB() throws NoiseException {
    ByteBuf wire = sender.encrypt(plaintext.duplicate());
    return receiver.decrypt(wire).readableBytes();
  }
}
