package dev.axnode.securechannel.multistream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.securechannel.Mutations;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input to the decoder and the negotiators: the only failure is a
 * MultistreamException (or a Failed state), and nothing reads past one bounded message.
 */
class MultistreamPropertiesTest {

  private static final byte[] LISTENER_ANSWERS = HexFormat.of().parseHex(
      Bytes.msg("/multistream/1.0.0") + "036e610a" + Bytes.msg("/noise") + "0010aabbccdd");
  private static final byte[] DIALER_MESSAGES = HexFormat.of().parseHex(
      Bytes.msg("/multistream/1.0.0") + Bytes.msg("/tls/1.0.0") + "036c730a" + Bytes.msg("/noise")
      + "0010aabbccdd");

  @Property(tries = 2000)
  void decoderOnlyFailsWithItsException(@ForAll @Size(max = 1100) byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    while (true) {
      int before = in.readerIndex();
      MultistreamMessage message;
      try {
        message = MultistreamMessage.decode(in);
      } catch (MultistreamException e) {
        assertTrue(e.getMessage().startsWith("multistream: "));
        assertEquals(before, in.readerIndex(), "a failed decode consumes nothing");
        return;
      }
      if (message == null) {
        assertEquals(before, in.readerIndex(), "an incomplete message consumes nothing");
        return;
      }
      assertTrue(in.readerIndex() - before <= MultistreamMessage.MAX_LENGTH + 2);
    }
  }

  @Property(tries = 1000)
  void dialerSurvivesMutatedAnswers(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @IntRange(min = 1, max = 40) int chunk) {
    byte[] input = Mutations.mutate(LISTENER_ANSWERS, kind, position, value);
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    dialer.start();
    feed(input, chunk, dialer::onBytes);
  }

  @Property(tries = 1000)
  void listenerSurvivesMutatedProposals(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @IntRange(min = 1, max = 40) int chunk) {
    byte[] input = Mutations.mutate(DIALER_MESSAGES, kind, position, value);
    ListenerNegotiation listener = new ListenerNegotiation(Set.of("/noise", "/yamux/1.0.0"));
    feed(input, chunk, listener::onBytes);
  }

  @Property(tries = 1000)
  void negotiatorsSurviveRandomBytes(@ForAll @Size(max = 2000) byte[] input,
      @ForAll @IntRange(min = 1, max = 300) int chunk) {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    feed(input, chunk, dialer::onBytes);
    feed(input, chunk, new ListenerNegotiation(Set.of("/noise"))::onBytes);
  }

  @Property(tries = 300)
  void anySplitGivesTheSameOutcome(@ForAll @IntRange(min = 1, max = 60) int chunk) {
    ListenerNegotiation listener = new ListenerNegotiation(Set.of("/noise"));
    ByteBuf wire = Unpooled.wrappedBuffer(DIALER_MESSAGES);
    ByteBuf sent = Unpooled.buffer();
    Step step = null;
    while (step == null || !step.isSelected()) {
      step = listener.onBytes(wire.readSlice(Math.min(chunk, wire.readableBytes())));
      sent.writeBytes(step.toSend());
    }
    NegotiationState.Selected selected = (NegotiationState.Selected) step.state();
    assertEquals("/noise", selected.protocol());
    // the next layer sees the leftover of the selecting read, then the later reads
    assertEquals("0010aabbccdd", Bytes.hex(selected.leftover()) + Bytes.hex(wire));
    // header, na for /tls/1.0.0, the ls answer (09: 07 "/noise" 0a, 0a), the echo
    assertEquals(Bytes.msg("/multistream/1.0.0") + "036e610a" + "09072f6e6f6973650a0a"
        + Bytes.msg("/noise"), Bytes.hex(sent));
  }

  /** Feeds {@code input} in chunks until the negotiation ends; returns the last step. */
  private static Step feed(byte[] input, int chunk, Function<ByteBuf, Step> negotiator) {
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    Step step = null;
    while (wire.isReadable()) {
      ByteBuf read = wire.readSlice(Math.min(chunk, wire.readableBytes()));
      step = negotiator.apply(read);
      assertEquals(0, read.readableBytes(), "every read is consumed");
      if (step.state() instanceof NegotiationState.Selected selected) {
        assertTrue(selected.leftover().readableBytes() <= input.length);
        return step;
      }
      if (step.state() instanceof NegotiationState.Failed failed) {
        assertTrue(failed.reason().startsWith("multistream: "));
        return step;
      }
    }
    return step;
  }
}
