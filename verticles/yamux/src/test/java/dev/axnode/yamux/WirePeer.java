package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session under test fed hand-built frames, as a hostile or foreign peer would send them;
 * inbound streams get a releasing {@link Sink} unless {@link #onStream} says otherwise.
 */
final class WirePeer {

  final TrackingAllocator alloc = new TrackingAllocator();
  final FakeClock clock = new FakeClock();
  final List<ByteBuf> sent = new ArrayList<>();
  final Link.Side app = new Link.Side();
  final List<Sink> sinks = new ArrayList<>();
  final List<YamuxException> resets = new ArrayList<>();
  Consumer<YamuxStream> onStream = s -> sinks.add(Sink.attach(s));
  final YamuxSession session;

  WirePeer(Role role, YamuxConfig config) {
    app.onStream = s -> {
      s.resetHandler(resets::add);
      onStream.accept(s);
    };
    session = new YamuxSession(role,
        new YamuxConfig(config).pingOnStart(false).allocator(alloc).clock(clock), sent::add, app);
  }

  /** A listener with default settings. */
  WirePeer() {
    this(Role.LISTENER, new YamuxConfig());
  }

  void feed(FrameHeader h) {
    feed(h, new byte[0]);
  }

  void feed(FrameHeader h, byte[] payload) {
    ByteBuf wire = FrameCodec.encode(alloc, h, Unpooled.wrappedBuffer(payload));
    session.receive(wire);
    wire.release();
  }

  /** DATA of {@code size} zero bytes. */
  void feedData(long stream, int flags, int size) {
    feed(FrameHeader.data(stream, flags, size), new byte[size]);
  }

  /** Only a header: the decoder must decide on it before any payload arrives. */
  void feedHeader(FrameHeader h) {
    ByteBuf header = FrameCodec.encodeHeader(alloc, h);
    session.receive(header);
    header.release();
  }

  List<FrameHeader> sentHeaders() {
    return sent.stream().map(Link::peek).toList();
  }

  FrameHeader lastSent() {
    return Link.peek(sent.get(sent.size() - 1));
  }

  long sentOfType(FrameType type) {
    return sentHeaders().stream().filter(h -> h.type() == type).count();
  }

  /** Asserts the session closed with GO_AWAY {@code code} as its last frame; returns the cause. */
  YamuxException assertFailed(GoAwayCode code, String messagePart) {
    assertTrue(session.isClosed(), "session still open");
    YamuxException cause = (YamuxException) app.closeCause;
    assertEquals(code, cause.code());
    assertTrue(cause.getMessage().contains(messagePart), cause.getMessage());
    assertEquals(FrameHeader.goAway(code), lastSent());
    return cause;
  }

  /** Closes the session and checks every buffer was released. */
  void closeAndCheck() {
    session.close();
    sent.forEach(ByteBuf::release);
    sent.clear();
    assertEquals(0, alloc.live(), "buffers still referenced");
  }
}
