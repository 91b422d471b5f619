package dev.axnode.securechannel.multistream;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the multistream-select decoder and both negotiators with random bytes, mutated valid
 * exchanges and any split of the reads: nothing but a {@link MultistreamException} (or a Failed
 * state) comes out, no input takes a second of CPU, and what one input allocates is bounded by
 * its length.
 */
@AddLifecycleHook(Fuzz.class)
class MultistreamFuzzTest {

  /**
   * Per input byte: the reader's copy (a doubling buffer: up to 4 bytes per byte over its
   * growth) and the message text decoded (a ByteBuffer, a CharBuffer and a String: 5 bytes per
   * byte). Fixed: at most {@link ListenerNegotiation#MAX_REFUSED} messages that select nothing,
   * each with its decoder, record and answer ({@code na}, or the 23-byte {@code ls} answer of
   * this set) in a doubling buffer, about 500 bytes; one exception with its stack trace and
   * its quoted message text, whose up to 64 control characters {@code describe()} escapes with
   * String.format, about 2 KiB each (measured: 130 KiB for a text of NUL bytes).
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(12, 256 * 1024);
  private static final Set<String> SUPPORTED = Set.of("/noise", "/yamux/1.0.0");
  private static final byte[] DIALER_MESSAGES = HexFormat.of().parseHex(
      Bytes.msg("/multistream/1.0.0") + Bytes.msg("/tls/1.0.0") + "036c730a" + Bytes.msg("/noise") + "0010aabbccdd");
  private static final byte[] LISTENER_ANSWERS = HexFormat.of().parseHex(
      Bytes.msg("/multistream/1.0.0") + "036e610a" + Bytes.msg("/noise") + "0010aabbccdd");

  @BeforeContainer
  static void warmUp() {
    // class loading and first-use caches are not the decoder's per-input cost
    negotiate(new ListenerNegotiation(SUPPORTED), DIALER_MESSAGES, List.of(3));
    negotiate(new ListenerNegotiation(SUPPORTED), new byte[] {(byte) 0xff, 0, 1, 2}, List.of());
    negotiate(dialer(), LISTENER_ANSWERS, List.of(5));
  }

  @Property(tries = 1000)
  void decoderOnRandomBytes(@ForAll @Size(max = 2100) byte[] input) {
    Fuzz.decode(input, BUDGET, MultistreamException.class, () -> decodeAll(input));
  }

  @Property(tries = 1000)
  void listenerOnRandomBytes(@ForAll @Size(max = 2100) byte[] input,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    Fuzz.decode(input, BUDGET, Throwable.class, () -> negotiate(new ListenerNegotiation(SUPPORTED), input, cuts));
  }

  @Property(tries = 1000)
  void listenerOnMutatedProposals(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 60) Integer> cuts) {
    byte[] input = Fuzz.mutate(DIALER_MESSAGES, kind, position, value);
    Fuzz.decode(input, BUDGET, NoException.class, () -> negotiate(new ListenerNegotiation(SUPPORTED), input, cuts));
  }

  @Property(tries = 1000)
  void dialerOnMutatedAnswers(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 60) Integer> cuts) {
    byte[] input = Fuzz.mutate(LISTENER_ANSWERS, kind, position, value);
    Fuzz.decode(input, BUDGET, NoException.class, () -> negotiate(dialer(), input, cuts));
  }

  @Property(tries = 500)
  void anySplitOfAValidExchangeGivesTheSameOutcome(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 40) Integer> cuts) {
    String whole = outcome(new ListenerNegotiation(SUPPORTED), DIALER_MESSAGES, List.of());
    assertEquals(whole, outcome(new ListenerNegotiation(SUPPORTED), DIALER_MESSAGES, cuts));
    assertTrue(whole.startsWith("Selected /noise"), whole);
  }

  /** Found by this fuzzer: {@code ls} was answered without limit, 23 bytes for every 4. */
  @Example
  void aFloodOfLsStaysWithinTheBudget() {
    byte[] header = new MultistreamMessage("/multistream/1.0.0").toBytes();
    byte[] input = new byte[header.length + 4 * 20_000];
    System.arraycopy(header, 0, input, 0, header.length);
    for (int i = header.length; i < input.length; i += 4) {
      System.arraycopy(HexFormat.of().parseHex("036c730a"), 0, input, i, 4);
    }
    Fuzz.decode(input, BUDGET, NoException.class, () -> negotiate(new ListenerNegotiation(SUPPORTED), input, List.of()));
  }

  /** Nothing may escape: the negotiators report failures as a state. */
  private static final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static DialerNegotiation dialer() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    dialer.start().toSend().release();
    return dialer;
  }

  private static void decodeAll(byte[] input) throws MultistreamException {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    while (MultistreamMessage.decode(in) != null) {
      assertTrue(in.readerIndex() <= input.length);
    }
  }

  /** Feeds {@code input} cut into reads of the sizes in {@code cuts} (cycled; none: one read). */
  private static Step negotiate(Negotiation negotiation, byte[] input, List<Integer> cuts) {
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    Step step = new Step(Unpooled.EMPTY_BUFFER, negotiation.state());
    for (int i = 0; wire.isReadable() && !step.isSelected(); i++) {
      int size = cuts.isEmpty() ? wire.readableBytes() : cuts.get(i % cuts.size());
      ByteBuf read = wire.readSlice(Math.min(size, wire.readableBytes()));
      step = negotiation.onBytes(read);
      assertEquals(0, read.readableBytes(), "every read is consumed");
      step.toSend().release();
    }
    if (step.state() instanceof NegotiationState.Failed failed) {
      assertTrue(failed.reason().startsWith("multistream: "), failed.reason());
    }
    return step;
  }

  private static String outcome(Negotiation negotiation, byte[] input, List<Integer> cuts) {
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    List<String> sent = new ArrayList<>();
    Step step = null;
    for (int i = 0; wire.isReadable() && (step == null || !step.isSelected()); i++) {
      int size = cuts.isEmpty() ? wire.readableBytes() : cuts.get(i % cuts.size());
      step = negotiation.onBytes(wire.readSlice(Math.min(size, wire.readableBytes())));
      sent.add(Bytes.hex(step.toSend()));
    }
    NegotiationState.Selected selected = (NegotiationState.Selected) step.state();
    return "Selected " + selected.protocol() + " sent " + String.join("", sent) + " then "
        + Bytes.hex(selected.leftover()) + Bytes.hex(wire);
  }
}
