package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile and mangled input into {@code receive()}: nothing escapes, memory stays bounded
 * by what arrived, every buffer is released, and well-formed input never trips an error.
 */
class FuzzPropertiesTest {

  /** One listener session with releasing handlers, fed in chunks, checked, then closed. */
  private static final class Harness {
    final TrackingAllocator alloc = new TrackingAllocator();
    final List<ByteBuf> sent = new ArrayList<>();
    final List<FrameHeader> sentHeaders = new ArrayList<>();
    final Link.Side app = new Link.Side();
    final List<Sink> sinks = new ArrayList<>();
    final YamuxSession session;

    Harness() {
      app.onStream = s -> sinks.add(Sink.attach(s));
      session = new YamuxSession(Role.LISTENER, new YamuxConfig().allocator(alloc),
          frame -> {
            sentHeaders.add(Link.peek(frame));
            sent.add(frame);
          }, app);
    }

    void feed(byte[] wire, List<Integer> cuts) {
      int pos = 0;
      int i = 0;
      while (pos < wire.length) {
        int n = Math.min(wire.length - pos, cuts.isEmpty() ? wire.length : cuts.get(i++ % cuts.size()));
        ByteBuf chunk = alloc.buffer(n).writeBytes(wire, pos, n);
        session.receive(chunk);
        chunk.release();
        pos += n;
        assertTrue(alloc.liveCapacity() <= 2L * pos + 64 * 1024 + 12L * sent.size(),
            "held " + alloc.liveCapacity() + " after " + pos + " bytes");
      }
    }

    String received() {
      StringBuilder sb = new StringBuilder();
      sinks.forEach(s -> sb.append(s.received).append(s.ended ? "E," : ","));
      return sb.toString();
    }

    void closeAndCheck() {
      session.close();
      sent.forEach(ByteBuf::release);
      assertEquals(0, alloc.live(), "buffers still referenced");
    }
  }

  @Property(tries = 300)
  void randomBytesNeverEscape(@ForAll @Size(max = 4096) byte[] wire,
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    Harness h = new Harness();
    h.feed(wire, cuts);
    h.closeAndCheck();
  }

  @Property(tries = 300)
  void randomHeadersAfterAValidOpeningNeverEscape(
      @ForAll("actions") List<PeerScript.Action> actions,
      @ForAll @Size(min = 1, max = 10) List<@Size(12) byte[]> headers,
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 300) Integer> cuts) {
    byte[] valid = PeerScript.render(actions);
    byte[] wire = new byte[valid.length + 12 * headers.size()];
    System.arraycopy(valid, 0, wire, 0, valid.length);
    for (int i = 0; i < headers.size(); i++) {
      byte[] header = headers.get(i);
      header[0] = 0;
      header[1] = (byte) (header[1] & 3);
      System.arraycopy(header, 0, wire, valid.length + 12 * i, 12);
    }
    Harness h = new Harness();
    h.feed(wire, cuts);
    h.closeAndCheck();
  }

  @Property(tries = 300)
  void mutatedValidStreamsNeverEscape(@ForAll("actions") List<PeerScript.Action> actions,
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
      @ForAll @Size(min = 1, max = 6) List<Byte> values,
      @ForAll @Size(max = 8) List<@IntRange(min = 1, max = 300) Integer> cuts) {
    byte[] wire = PeerScript.render(actions);
    if (wire.length > 0) {
      for (int i = 0; i < positions.size(); i++) {
        wire[positions.get(i) % wire.length] = values.get(i % values.size());
      }
    }
    Harness h = new Harness();
    h.feed(wire, cuts);
    h.closeAndCheck();
  }

  @Property(tries = 300)
  void validStreamsAreAcceptedAndSplittingChangesNothing(
      @ForAll("actions") List<PeerScript.Action> actions,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 100) Integer> cuts) {
    byte[] wire = PeerScript.render(actions);
    Harness whole = new Harness();
    whole.feed(wire, List.of());
    Harness split = new Harness();
    split.feed(wire, cuts);
    assertFalse(whole.session.isClosed(), "valid input closed the session: " + whole.app.closeCause);
    assertEquals(whole.sentHeaders, split.sentHeaders);
    assertEquals(whole.received(), split.received());
    whole.closeAndCheck();
    split.closeAndCheck();
  }

  @Provide
  Arbitrary<List<PeerScript.Action>> actions() {
    Arbitrary<PeerScript.Action> action = Combinators.combine(
        Arbitraries.of(PeerScript.Kind.class),
        Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(0, 2000)).as(PeerScript.Action::new);
    return action.list().ofMaxSize(40);
  }
}
