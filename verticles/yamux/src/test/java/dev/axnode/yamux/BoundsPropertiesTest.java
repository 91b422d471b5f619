package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

/**
 * Random frame sequences from a hostile peer, well-formed headers with arbitrary flags,
 * ids and lengths: after every read the session holds no more than its budgets allow
 * (an incomplete frame only within the credit of its stream, undelivered bytes only
 * within the windows), and nothing ever escapes {@code receive()}.
 */
class BoundsPropertiesTest {

  private static final int KIB = 1024;
  private static final long SESSION_WINDOW = 1024 * KIB;

  /** One frame: DATA carries min(length, 3000) payload bytes, so long ones stay partial. */
  record Spec(FrameType type, int flags, int stream, long length) {
  }

  private static YamuxConfig smallBudgets() {
    return new YamuxConfig().maxSessionWindow(SESSION_WINDOW).maxStreamWindow(512 * KIB)
        .maxInboundStreams(6).streamOpenBurst(12).pingBurst(8).maxControlBacklog(40 * FrameHeader.SIZE);
  }

  @Property(tries = 400)
  void hostileFrameSequencesStayWithinTheBudgets(@ForAll("frames") List<Spec> frames,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 5000) Integer> cuts,
      @ForAll boolean paused, @ForAll boolean consume) {
    WirePeer peer = new WirePeer(Role.LISTENER, smallBudgets());
    peer.onStream = s -> {
      // Half the streams never get a handler: their data stays undelivered in the stream.
      if (s.id() % 4 == 1) {
        Sink sink = Sink.attach(s).keepBytes(false);
        sink.autoConsume = consume;
      }
    };
    if (paused) {
      peer.session.pauseOutput();
    }
    byte[] wire = render(frames);
    int pos = 0;
    int i = 0;
    while (pos < wire.length && !peer.session.isClosed()) {
      int n = Math.min(wire.length - pos, cuts.isEmpty() ? wire.length : cuts.get(i++ % cuts.size()));
      ByteBuf chunk = peer.alloc.buffer(n).writeBytes(wire, pos, n);
      peer.session.receive(chunk);
      chunk.release();
      pos += n;
      checkBounds(peer);
    }
    peer.closeAndCheck();
  }

  private static void checkBounds(WirePeer peer) {
    YamuxSession session = peer.session;
    if (session.isClosed()) {
      return;
    }
    FrameHeader pending = session.pendingHeader();
    if (pending == null) {
      assertTrue(session.heldBytes() < FrameHeader.SIZE, "held " + session.heldBytes() + " without a header");
    } else {
      assertEquals(FrameType.DATA, pending.type());
      assertTrue(session.heldBytes() < pending.length(), "held a whole frame");
      assertTrue(pending.length() <= session.maxDataLength(pending),
          "awaits " + pending + " beyond its credit " + session.maxDataLength(pending));
    }
    long undelivered = 0;
    long windows = 0;
    for (YamuxStream s : peer.app.inbound) {
      if (!s.isReset()) {
        undelivered += s.unconsumedBytes();
        windows += s.receiveWindow();
        assertTrue(s.unconsumedBytes() <= s.receiveWindow(), "stream " + s.id() + " over its window");
      }
    }
    assertTrue(undelivered <= windows && windows <= SESSION_WINDOW, undelivered + " / " + windows);
    assertTrue(session.streamCount() <= 6);
    assertTrue(session.controlBacklog() <= 40 * FrameHeader.SIZE);
  }

  private static byte[] render(List<Spec> frames) {
    ByteBuf out = Unpooled.buffer();
    for (Spec f : frames) {
      int payload = f.type() == FrameType.DATA ? (int) Math.min(f.length(), 3000) : 0;
      FrameCodec.writeHeader(new FrameHeader(f.type(), f.flags(), f.stream(), f.length()), out);
      out.writeZero(payload);
    }
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    out.release();
    return bytes;
  }

  @Provide
  Arbitrary<List<Spec>> frames() {
    Arbitrary<FrameType> type = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(FrameType.DATA)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(FrameType.WINDOW_UPDATE)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(FrameType.PING)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(FrameType.GO_AWAY)));
    Arbitrary<Integer> flags = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.just(Flags.SYN)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(0)),
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 15)));
    Arbitrary<Integer> stream = Arbitraries.integers().between(0, 30);
    Arbitrary<Long> length = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 3000)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(256L * KIB - 1, 256L * KIB, 256L * KIB + 1, 512L * KIB)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 0xFFFF_FFFFL)));
    return Combinators.combine(type, flags, stream, length).as(Spec::new).list().ofMaxSize(60);
  }
}
