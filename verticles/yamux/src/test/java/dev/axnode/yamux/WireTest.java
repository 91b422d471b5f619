package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** One listener session fed hand-built frames, as a js or go peer would send them. */
class WireTest {

  private final TrackingAllocator alloc = new TrackingAllocator();
  private final List<ByteBuf> sent = new ArrayList<>();
  private final Link.Side app = new Link.Side();
  private final List<Sink> sinks = new ArrayList<>();
  private final List<YamuxException> resets = new ArrayList<>();
  private final YamuxSession session;

  WireTest() {
    app.onStream = s -> {
      sinks.add(Sink.attach(s));
      s.resetHandler(resets::add);
    };
    session = new YamuxSession(Role.LISTENER,
        new YamuxConfig().pingOnStart(false).allocator(alloc), sent::add, app);
  }

  @AfterEach
  void allBuffersReleased() {
    session.close();
    sent.forEach(ByteBuf::release);
    assertEquals(0, alloc.live(), "buffers still referenced");
  }

  private void feed(FrameHeader h, String payload) {
    ByteBuf wire = FrameCodec.encode(alloc, h, Unpooled.copiedBuffer(payload.getBytes()));
    session.receive(wire);
    wire.release();
  }

  private void feed(FrameHeader h) {
    feed(h, "");
  }

  private List<FrameHeader> sentHeaders() {
    return sent.stream().map(Link::peek).toList();
  }

  private void assertClosedWithProtocolError() {
    assertTrue(session.isClosed());
    assertInstanceOf(YamuxProtocolException.class, app.closeCause);
    assertEquals(FrameHeader.goAway(GoAwayCode.PROTOCOL_ERROR), sentHeaders().get(sent.size() - 1));
  }

  @Test
  void answersPingSynWithAckAndTheSameValue() {
    feed(FrameHeader.ping(Flags.SYN, 0xCAFEBABEL));
    feed(FrameHeader.ping(Flags.ACK, 12345));
    assertEquals(List.of(FrameHeader.ping(Flags.ACK, 0xCAFEBABEL)), sentHeaders());
  }

  @Test
  void finAndRstOnWindowUpdateFramesAreHonoured() {
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    feed(FrameHeader.data(1, 0, 3), "abc");
    feed(FrameHeader.windowUpdate(1, Flags.FIN, 0));
    assertTrue(sinks.get(0).ended);
    assertEquals("abc", sinks.get(0).text());
    feed(FrameHeader.windowUpdate(3, Flags.SYN, 0));
    feed(FrameHeader.windowUpdate(3, Flags.RST, 0));
    assertEquals(1, resets.size());
    assertEquals(1, session.streamCount(), "stream 1 is only half closed");
  }

  @Test
  void noWindowUpdateAfterThePeerFinished() {
    session.close();
    sent.forEach(ByteBuf::release);
    sent.clear();
    List<YamuxStream> streams = new ArrayList<>();
    Link.Side side = new Link.Side();
    side.onStream = stream -> {
      streams.add(stream);
      stream.handler(ByteBuf::release);
    };
    YamuxSession s = new YamuxSession(Role.LISTENER,
        new YamuxConfig().pingOnStart(false).allocator(alloc), sent::add, side);
    ByteBuf wire = Unpooled.wrappedBuffer(
        bytes(FrameHeader.windowUpdate(1, Flags.SYN, 0), new byte[0]),
        bytes(FrameHeader.data(1, Flags.FIN, 200 * 1024), new byte[200 * 1024]));
    s.receive(wire);
    wire.release();
    int before = sent.size();
    streams.get(0).consumed(200 * 1024);
    assertEquals(before, sent.size(), "credit is pointless once the peer sent FIN");
    s.close();
  }

  @Test
  void lateFramesForStreamsThePeerEndedAreDroppedQuietly() {
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    feed(FrameHeader.windowUpdate(1, Flags.RST, 0));
    int before = sent.size();
    feed(FrameHeader.windowUpdate(1, 0, 1000));
    feed(FrameHeader.windowUpdate(1, Flags.RST, 0));
    feed(FrameHeader.data(1, Flags.FIN, 0));
    assertEquals(before, sent.size(), "no RST for streams that are gone");
    assertFalse(session.isClosed());
  }

  @Test
  void dataFillingTheWindowExactlyIsFine() {
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    feed(FrameHeader.data(1, 0, 256 * 1024), "x".repeat(256 * 1024));
    assertFalse(session.isClosed());
    assertEquals(256 * 1024, sinks.get(0).received);
  }

  @Test
  void dataBeyondTheWindowIsAProtocolError() {
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    ByteBuf header = FrameCodec.encodeHeader(alloc, FrameHeader.data(1, 0, 256 * 1024 + 1));
    session.receive(header);
    header.release();
    assertClosedWithProtocolError();
    assertEquals(1, resets.size());
    ByteBuf more = Unpooled.wrappedBuffer(new byte[1000]);
    session.receive(more);
    more.release();
    assertTrue(alloc.liveCapacity() < 1024, "no payload buffered for the rejected frame");
  }

  @Test
  void dataBeyondTheWindowWithSynIsAProtocolError() {
    feed(FrameHeader.data(1, Flags.SYN, 256 * 1024 + 1), "y".repeat(256 * 1024 + 1));
    assertClosedWithProtocolError();
  }

  @Test
  void synWithOurOwnParityIsAProtocolError() {
    feed(FrameHeader.windowUpdate(2, Flags.SYN, 0));
    assertClosedWithProtocolError();
  }

  @Test
  void synOnStreamZeroIsAProtocolError() {
    feed(FrameHeader.data(0, Flags.SYN, 0));
    assertClosedWithProtocolError();
  }

  @Test
  void duplicateSynIsAProtocolError() {
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    assertClosedWithProtocolError();
  }

  @Test
  void unknownTypeOrVersionIsAProtocolError() {
    ByteBuf wire = Unpooled.wrappedBuffer(new byte[] {0, 9, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0});
    session.receive(wire);
    wire.release();
    assertClosedWithProtocolError();
  }

  @Test
  void everythingAfterCloseIsIgnored() {
    session.close();
    int before = sent.size();
    feed(FrameHeader.ping(Flags.SYN, 1));
    assertEquals(before, sent.size());
  }

  @Test
  void framesSplitAtEveryByteBehaveLikeWholeOnes() {
    byte[] wire = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(
        bytes(FrameHeader.windowUpdate(1, Flags.SYN, 0), new byte[0]),
        bytes(FrameHeader.data(1, 0, 5), "hello".getBytes()),
        bytes(FrameHeader.ping(Flags.SYN, 42), new byte[0]),
        bytes(FrameHeader.data(1, Flags.FIN, 6), " world".getBytes())));
    for (byte b : wire) {
      ByteBuf one = alloc.buffer(1).writeByte(b);
      session.receive(one);
      one.release();
    }
    assertEquals("hello world", sinks.get(0).text());
    assertTrue(sinks.get(0).ended);
    assertTrue(sentHeaders().contains(FrameHeader.ping(Flags.ACK, 42)));
  }

  @Test
  void receiveLeavesTheCallersBufferAlone() {
    ByteBuf wire = Unpooled.wrappedBuffer(
        bytes(FrameHeader.windowUpdate(1, Flags.SYN, 0), new byte[0]),
        bytes(FrameHeader.data(1, 0, 5), "hello".getBytes()));
    int readable = wire.readableBytes();
    session.receive(wire);
    assertEquals(readable, wire.readableBytes());
    assertEquals(1, wire.refCnt(), "the handler released its slice");
    wire.release();
  }

  @Test
  void aFailingSinkClosesTheSessionWithoutThrowingFromReceive() {
    Link.Side side = new Link.Side();
    YamuxSession s = new YamuxSession(Role.LISTENER,
        new YamuxConfig().pingOnStart(false).allocator(alloc), frame -> {
          frame.release();
          throw new IllegalStateException("socket closed");
        }, side);
    ByteBuf ping = FrameCodec.encode(alloc, FrameHeader.ping(Flags.SYN, 1), Unpooled.EMPTY_BUFFER);
    s.receive(ping);
    ping.release();
    assertTrue(s.isClosed());
    assertEquals(GoAwayCode.INTERNAL_ERROR, ((YamuxException) side.closeCause).code());
  }

  private byte[] bytes(FrameHeader h, byte[] payload) {
    ByteBuf buf = FrameCodec.encode(alloc, h, Unpooled.wrappedBuffer(payload));
    byte[] out = ByteBufUtil.getBytes(buf);
    buf.release();
    return out;
  }
}
