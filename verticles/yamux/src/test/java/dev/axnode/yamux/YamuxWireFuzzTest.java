package dev.axnode.yamux;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * What {@link FuzzPropertiesTest} does not cover: the frame decoder alone against any length
 * field and any window, sessions fed mutations that set length fields to their extremes, CPU
 * and allocation bounded per input, and no failure that the session can only call an
 * internal error (a RuntimeException of its own turned into GO_AWAY INTERNAL_ERROR, which
 * would hide an uncaught bug). Tries follow {@code -Dax.fuzz.tries}.
 */
@AddLifecycleHook(Fuzz.class)
class YamuxWireFuzzTest {

  /** Decoder alone: a header record and a Frame per 12 bytes, a payload slice. */
  private static final Fuzz.Budget DECODER = new Fuzz.Budget(16, 16 * 1024);
  /**
   * Session: a 12-byte SYN opens a stream, measured at about 8 KiB each here (the stream, its
   * windows and queues, the ACK frame, the test's sink), so 1 KiB per byte; the stream count is
   * bounded by {@link YamuxConfig#maxInboundStreams()}. Fixed: the session and one exception.
   */
  private static final Fuzz.Budget SESSION = new Fuzz.Budget(1024, 64 * 1024);

  @BeforeContainer
  static void warmUp() {
    feed(PeerScript.render(List.of(new PeerScript.Action(PeerScript.Kind.OPEN_WITH_DATA, 1, 100))), List.of());
    feed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, List.of());
  }

  @Property(tries = 2000)
  void decoderOnRandomBytesAndWindows(@ForAll @Size(max = 2000) byte[] input,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int window) {
    Fuzz.decode(input, DECODER, YamuxProtocolException.class, () -> {
      FrameCodec codec = new FrameCodec();
      ByteBuf in = Unpooled.wrappedBuffer(input);
      Frame frame;
      while ((frame = codec.decode(in, header -> window)) != null) {
        frame.payload().release();
      }
    });
  }

  @Property(tries = 1000)
  void sessionOnMutatedStreams(@ForAll("actions") List<PeerScript.Action> actions, @ForAll int kind,
      @ForAll int position, @ForAll byte value, @ForAll @IntRange(min = 1, max = 300) int chunk) {
    // one read size: beside the provided list of actions, jqwik 1.9.3 handed a list of cut
    // sizes the actions' edge cases (a ClassCastException in the test, not in yamux)
    byte[] input = Fuzz.mutate(PeerScript.render(actions), kind, position, value);
    Fuzz.decode(input, SESSION, NoException.class, () -> feed(input, List.of(chunk)));
  }

  @Property(tries = 1000)
  void sessionOnRandomBytes(@ForAll @Size(max = 3000) byte[] input,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    Fuzz.decode(input, SESSION, NoException.class, () -> feed(input, cuts));
  }

  @Provide
  Arbitrary<List<PeerScript.Action>> actions() {
    Arbitrary<PeerScript.Action> action = Combinators.combine(
        Arbitraries.of(PeerScript.Kind.class),
        Arbitraries.integers().between(0, 20),
        Arbitraries.integers().between(0, 2000)).as(PeerScript.Action::new);
    return action.list().ofMaxSize(30);
  }

  /** Feeds a fresh listener session; fails on an internal error or a leaked buffer. */
  private static void feed(byte[] input, List<Integer> cuts) {
    TrackingAllocator alloc = new TrackingAllocator();
    Link.Side app = new Link.Side();
    app.onStream = stream -> Sink.attach(stream);
    YamuxSession session = new YamuxSession(Role.LISTENER, new YamuxConfig().allocator(alloc), ByteBuf::release, app);
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    for (int i = 0; wire.isReadable(); i++) {
      int size = cuts.isEmpty() ? wire.readableBytes() : cuts.get(i % cuts.size());
      session.receive(wire.readSlice(Math.min(size, wire.readableBytes())));
    }
    session.close();
    Throwable cause = app.closeCause;
    assertFalse(cause instanceof YamuxException e && e.getCause() instanceof RuntimeException,
        () -> "the session hid an uncaught exception as an internal error: " + cause.getCause());
    assertEquals(0, alloc.live(), "buffers still referenced");
  }

  /** Nothing may escape: the session reports failures through its listener. */
  private static final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
