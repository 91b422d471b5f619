package dev.axnode.yamux.bench;

import dev.axnode.yamux.Role;
import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayDeque;

/**
 * One stream moving 64 KiB chunks between two in-memory sessions, one thread. Each
 * operation moves 16 chunks = 1 MiB end to end, so the score in ops/s reads as MiB/s. With
 * {@code copy=true} every frame is copied into a fresh buffer on the way, as a socket read
 * would; with {@code copy=false} frames pass by reference (yamux overhead only).
 *
 * <p>Run: {@code java -cp <test classpath> org.openjdk.jmh.Main YamuxBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class YamuxBench {

  private static final int CHUNK = 64 * 1024;
  /** 16 x 64 KiB = 1 MiB per operation. */
  private static final int CHUNKS_PER_OP = 16;

  @Param({"false", "true"})
  public boolean copy;

  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final ArrayDeque<ByteBuf> toListener = new ArrayDeque<>();
  private final ArrayDeque<ByteBuf> toDialer = new ArrayDeque<>();
  private YamuxSession dialer;
  private YamuxSession listener;
  private YamuxStream out;
  private ByteBuf chunk;
  private long received;

  @Setup(Level.Trial)
  public void setUp() {
    YamuxConfig config = new YamuxConfig().allocator(alloc);
    YamuxSession.Listener acceptor = new YamuxSession.Listener() {
      @Override
      public void onStream(YamuxStream stream) {
        stream.handler(buf -> {
          int n = buf.readableBytes();
          received += n;
          buf.release();
          stream.consumed(n);
        });
      }

      @Override
      public void onClose(Throwable cause) {
      }
    };
    dialer = new YamuxSession(Role.DIALER, config, toListener::add, acceptor);
    listener = new YamuxSession(Role.LISTENER, config, toDialer::add, acceptor);
    out = dialer.openStream();
    chunk = alloc.directBuffer(CHUNK).writeZero(CHUNK);
    pump();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    dialer.close();
    listener.close();
    pump();
    chunk.release();
  }

  @Benchmark
  public long transfer() {
    long target = received + (long) CHUNK * CHUNKS_PER_OP;
    for (int i = 0; i < CHUNKS_PER_OP; i++) {
      out.write(chunk.retainedDuplicate());
      pump();
    }
    while (received < target) {
      pump();
    }
    return received;
  }

  private void pump() {
    while (!toListener.isEmpty() || !toDialer.isEmpty()) {
      deliver(toListener, listener);
      deliver(toDialer, dialer);
    }
  }

  private void deliver(ArrayDeque<ByteBuf> queue, YamuxSession to) {
    for (ByteBuf frame; (frame = queue.poll()) != null; ) {
      ByteBuf wire = frame;
      if (copy) {
        wire = alloc.directBuffer(frame.readableBytes()).writeBytes(frame);
        frame.release();
      }
      to.receive(wire);
      wire.release();
    }
  }
}
