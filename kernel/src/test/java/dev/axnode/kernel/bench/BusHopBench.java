package dev.axnode.kernel.bench;

import dev.axnode.kernel.link.Chunk;
import dev.axnode.kernel.message.MessageCodecs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The price of the microkernel's data plane: one event-bus hop per 64 KiB chunk, with the
 * hand-over {@link Chunk} codec and with Vert.x's built-in Buffer codec (which copies),
 * against a direct method call. Each invocation sends {@link #BATCH} chunks from an event
 * loop to a consumer on another event loop and waits for the last one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BusHopBench {

  static final int BATCH = 256;
  static final int CHUNK = 64 * 1024;

  private Vertx vertx;
  private final Buffer[] chunks = new Buffer[BATCH];
  private final AtomicReference<CountDownLatch> arrived = new AtomicReference<>();
  private long received;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    MessageCodecs.registerAll(vertx.eventBus());
    for (int i = 0; i < BATCH; i++) {
      chunks[i] = Buffer.buffer(new byte[CHUNK]);
    }
    CountDownLatch registered = new CountDownLatch(2);
    vertx.deployVerticle(new io.vertx.core.VerticleBase() {
      @Override
      public io.vertx.core.Future<?> start() {
        return io.vertx.core.Future.all(
            vertx.eventBus().<Chunk>localConsumer("bench.chunk", m -> consume(m.body().data())).completion(),
            vertx.eventBus().<Buffer>localConsumer("bench.buffer", m -> consume(m.body())).completion());
      }
    }).onComplete(ar -> {
      registered.countDown();
      registered.countDown();
    });
    registered.await(10, TimeUnit.SECONDS);
  }

  private void consume(Buffer data) {
    received += data.length();
    arrived.get().countDown();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void handOverCodec() throws InterruptedException {
    send("bench.chunk", true);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void builtInBufferCodec() throws InterruptedException {
    send("bench.buffer", false);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void directCall(Blackhole hole) {
    for (Buffer chunk : chunks) {
      hole.consume(direct(chunk));
    }
  }

  private long direct(Buffer data) {
    return data.length();
  }

  private void send(String address, boolean handOver) throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(BATCH);
    arrived.set(latch);
    vertx.runOnContext(v -> {
      for (Buffer chunk : chunks) {
        vertx.eventBus().send(address, handOver ? new Chunk(chunk) : chunk);
      }
    });
    latch.await();
  }
}
