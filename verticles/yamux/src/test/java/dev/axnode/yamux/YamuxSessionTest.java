package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Two sessions back to back: stream life cycles, echo, half-close, reset, ping, GO_AWAY. */
class YamuxSessionTest {

  private Link link = new Link();

  @AfterEach
  void allBuffersReleased() {
    link.shutdown();
    assertEquals(0, link.alloc.live(), "buffers still referenced");
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static void echo(YamuxStream s) {
    s.handler(buf -> {
      int n = buf.readableBytes();
      s.write(buf);
      s.consumed(n);
    }).endHandler(s::closeWrite);
  }

  @Test
  void dialerOpensOddStreamsWithWindowUpdateSynAndListenerAcks() {
    link.listenerSide.onStream = YamuxSessionTest::echo;
    YamuxStream a = link.dialer.openStream();
    YamuxStream b = link.dialer.openStream();
    assertEquals(1, a.id());
    assertEquals(3, b.id());
    assertEquals(FrameHeader.windowUpdate(1, Flags.SYN, 0), link.sentByDialer.get(0));
    link.pump();
    assertEquals(2, link.listenerSide.inbound.size());
    assertEquals(FrameHeader.windowUpdate(1, Flags.ACK, 0), link.sentByListener.get(0));
    assertEquals(FrameHeader.windowUpdate(3, Flags.ACK, 0), link.sentByListener.get(1));
  }

  @Test
  void echoBothWaysWithHalfClose() {
    link.listenerSide.onStream = YamuxSessionTest::echo;
    link.dialerSide.onStream = YamuxSessionTest::echo;
    YamuxStream out = link.dialer.openStream();
    Sink outSink = Sink.attach(out);
    YamuxStream back = link.listener.openStream();
    Sink backSink = Sink.attach(back);
    assertEquals(2, back.id());
    out.write(text("hello "));
    out.write(text("yamux"));
    back.write(text("from the listener"));
    out.closeWrite();
    back.closeWrite();
    link.pump();
    assertEquals("hello yamux", outSink.text());
    assertEquals("from the listener", backSink.text());
    assertTrue(outSink.ended);
    assertTrue(backSink.ended);
    assertEquals(0, link.dialer.streamCount(), "both FINs exchanged: stream forgotten");
    assertEquals(0, link.listener.streamCount());
    assertFalse(out.write(text("late")), "no writes after closeWrite");
  }

  @Test
  void halfClosedStreamStillCarriesTheOtherDirection() {
    YamuxStream out = link.dialer.openStream();
    Sink outSink = Sink.attach(out);
    out.write(text("request"));
    out.closeWrite();
    link.pump();
    YamuxStream in = link.listenerSide.inbound.get(0);
    Sink inSink = Sink.attach(in);
    assertEquals("request", inSink.text());
    assertTrue(inSink.ended, "end delivered once the handler took the buffered data");
    in.write(text("response"));
    link.pump();
    assertEquals("response", outSink.text());
    assertFalse(outSink.ended);
    in.closeWrite();
    link.pump();
    assertTrue(outSink.ended);
    assertEquals(0, link.dialer.streamCount());
  }

  @Test
  void dataWithSynOpensTheStreamToo() {
    TrackingAllocator alloc = link.alloc;
    List<ByteBuf> sent = new ArrayList<>();
    YamuxSession raw = new YamuxSession(Role.LISTENER,
        new YamuxConfig().pingOnStart(false).allocator(alloc), sent::add, link.listenerSide);
    List<Sink> sinks = new ArrayList<>();
    link.listenerSide.onStream = s -> sinks.add(Sink.attach(s));
    ByteBuf wire = FrameCodec.encode(alloc, FrameHeader.data(1, Flags.SYN, 2), text("hi"));
    raw.receive(wire);
    wire.release();
    assertEquals(1, raw.streamCount());
    assertEquals("hi", sinks.get(0).text());
    FrameHeader ack = Link.peek(sent.get(0));
    assertEquals(Flags.ACK, ack.flags());
    assertEquals(1, ack.streamId());
    raw.close();
    sent.forEach(ByteBuf::release);
  }

  @Test
  void resetReachesThePeerAndLaterFramesAreIgnored() {
    YamuxStream out = link.dialer.openStream();
    link.pump();
    YamuxStream in = link.listenerSide.inbound.get(0);
    List<YamuxException> resets = new ArrayList<>();
    in.resetHandler(resets::add);
    Sink.attach(in);
    out.reset();
    assertTrue(out.isReset());
    assertFalse(out.write(text("x")));
    link.pump();
    assertEquals(1, resets.size());
    assertInstanceOf(YamuxStreamResetException.class, resets.get(0));
    assertTrue(in.isReset());
    assertFalse(in.write(text("too late")));
    assertEquals(0, link.listener.streamCount());
    int before = link.sentByListener.size();
    out.reset();
    link.pump();
    assertEquals(before, link.sentByListener.size(), "no RST storm");
    assertFalse(link.dialer.isClosed());
    assertFalse(link.listener.isClosed());
  }

  @Test
  void pingMeasuresRoundTripTime() {
    CompletableFuture<Duration> rtt = link.dialer.ping();
    assertEquals(Flags.SYN, link.sentByDialer.get(0).flags());
    link.clock.advanceMillis(7);
    link.pump();
    assertEquals(Duration.ofMillis(7), rtt.join());
    assertEquals(7_000_000L, link.dialer.rttNanos());
    FrameHeader answer = link.sentByListener.get(0);
    assertEquals(FrameHeader.ping(Flags.ACK, link.sentByDialer.get(0).length()), answer);
  }

  @Test
  void pingOnStartGivesBothSidesAnRtt() {
    link.shutdown();
    link = new Link(new YamuxConfig());
    link.clock.advanceMillis(3);
    link.pump();
    assertEquals(3_000_000L, link.dialer.rttNanos());
    assertEquals(3_000_000L, link.listener.rttNanos());
  }

  @Test
  void closeSendsGoAwayNormalAndThePeerWindsDown() {
    YamuxStream out = link.dialer.openStream();
    link.pump();
    YamuxStream in = link.listenerSide.inbound.get(0);
    CompletableFuture<Duration> ping = link.listener.ping();
    List<YamuxException> resets = new ArrayList<>();
    out.resetHandler(resets::add);
    link.dialer.close();
    assertTrue(link.dialerSide.closed);
    assertNull(link.dialerSide.closeCause);
    assertEquals(1, resets.size(), "local streams end with the session");
    assertEquals(FrameHeader.goAway(GoAwayCode.NORMAL),
        link.sentByDialer.get(link.sentByDialer.size() - 1));
    assertThrows(YamuxException.class, link.dialer::openStream);
    link.pump();
    assertFalse(ping.isDone(), "the closed dialer no longer answers");
    assertFalse(link.listener.isClosed(), "peer keeps running streams after GO_AWAY NORMAL");
    assertThrows(YamuxGoAwayException.class, link.listener::openStream);
    in.reset();
    assertTrue(link.listener.isClosed(), "closes once the last stream is gone");
    assertTrue(ping.isCompletedExceptionally(), "pending pings fail with the session");
    assertNull(link.listenerSide.closeCause);
  }

  @Test
  void goAwayWithErrorClosesThePeerAndResetsItsStreams() {
    YamuxStream out = link.dialer.openStream();
    List<YamuxException> resets = new ArrayList<>();
    out.resetHandler(resets::add);
    link.pump();
    link.toDialer.add(FrameCodec.encode(link.alloc, FrameHeader.goAway(GoAwayCode.INTERNAL_ERROR),
        Unpooled.EMPTY_BUFFER));
    link.pump();
    assertTrue(link.dialer.isClosed());
    YamuxGoAwayException cause = assertInstanceOf(YamuxGoAwayException.class,
        link.dialerSide.closeCause);
    assertEquals(GoAwayCode.INTERNAL_ERROR, cause.code());
    assertEquals(1, resets.size());
    assertTrue(link.sentByDialer.stream().noneMatch(h -> h.type() == FrameType.GO_AWAY),
        "no GO_AWAY sent back");
  }

  @Test
  void inboundStreamLimitResetsTheExcessStream() {
    link.shutdown();
    link = new Link(new YamuxConfig().pingOnStart(false).maxInboundStreams(1000)
        .maxSessionWindow(1024L * 1024 * 1024).streamOpenBurst(2000));
    List<YamuxStream> opened = new ArrayList<>();
    List<Long> resetIds = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      YamuxStream s = link.dialer.openStream();
      s.resetHandler(e -> resetIds.add(s.id()));
      opened.add(s);
    }
    link.pump();
    assertEquals(1000, link.listener.streamCount());
    assertEquals(List.of(opened.get(1000).id()), resetIds);
    assertEquals(FrameHeader.windowUpdate(2001, Flags.RST, 0),
        link.sentByListener.get(link.sentByListener.size() - 1));
    assertEquals(1000, link.dialer.streamCount());
    assertFalse(link.listener.isClosed());
    opened.get(0).reset();
    link.pump();
    link.dialer.openStream();
    link.pump();
    assertEquals(1000, link.listener.streamCount(), "a slot freed by a reset can be reused");
  }

  @Test
  void handlerThatThrowsResetsOnlyItsStream() {
    link.listenerSide.onStream = s -> s.handler(buf -> {
      buf.release();
      throw new IllegalStateException("application bug");
    });
    YamuxStream bad = link.dialer.openStream();
    YamuxStream good = link.dialer.openStream();
    List<YamuxException> resets = new ArrayList<>();
    bad.resetHandler(resets::add);
    bad.write(text("boom"));
    link.pump();
    assertEquals(1, resets.size());
    assertFalse(link.listener.isClosed());
    assertFalse(good.isReset());
  }

  @Test
  void listenerThatThrowsInOnStreamResetsTheStream() {
    link.listenerSide.onStream = s -> {
      throw new IllegalStateException("application bug");
    };
    YamuxStream s = link.dialer.openStream();
    s.write(text("data with the syn"));
    link.pump();
    assertTrue(s.isReset());
    assertEquals(0, link.listener.streamCount());
    assertFalse(link.listener.isClosed());
  }
}
