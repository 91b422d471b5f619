package dev.axnode.securechannel.multistream;

import static dev.axnode.securechannel.multistream.Bytes.buf;
import static dev.axnode.securechannel.multistream.Bytes.hex;
import static dev.axnode.securechannel.multistream.Bytes.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerNegotiationTest {

  private static final String HEADER = msg("/multistream/1.0.0");
  private static final String NA = "036e610a";

  private static ListenerNegotiation noiseListener() {
    return new ListenerNegotiation(Set.of("/noise"));
  }

  @Test
  void answersTheHeaderAndEchoesASupportedProtocol() {
    ListenerNegotiation listener = noiseListener();
    Step step = listener.onBytes(buf(HEADER + msg("/noise")));
    assertEquals(HEADER + msg("/noise"), hex(step.toSend()));
    NegotiationState.Selected selected = assertInstanceOf(NegotiationState.Selected.class, step.state());
    assertEquals("/noise", selected.protocol());
    assertEquals(0, selected.leftover().readableBytes());
  }

  @Test
  void sendsTheHeaderOnceWhenStartedEarly() {
    ListenerNegotiation listener = noiseListener();
    assertEquals(HEADER, hex(listener.start().toSend()));
    assertEquals(0, listener.start().toSend().readableBytes());
    Step step = listener.onBytes(buf(HEADER + msg("/noise")));
    assertEquals(msg("/noise"), hex(step.toSend()));
  }

  @Test
  void refusesTlsThenSelectsNoiseLikeGo() {
    ListenerNegotiation listener = noiseListener();
    Step first = listener.onBytes(buf(HEADER + msg("/tls/1.0.0")));
    assertEquals(HEADER + NA, hex(first.toSend()));
    assertInstanceOf(NegotiationState.Negotiating.class, first.state());
    Step second = listener.onBytes(buf(msg("/noise")));
    assertEquals(msg("/noise"), hex(second.toSend()));
    assertTrue(second.isSelected());
  }

  @Test
  void keepsDataThatFollowsTheProposal() {
    ListenerNegotiation listener = noiseListener();
    Step step = listener.onBytes(buf(HEADER + msg("/noise") + "0020" + "aa".repeat(4)));
    assertEquals("0020aaaaaaaa", hex(((NegotiationState.Selected) step.state()).leftover()));
  }

  @Test
  void handlesByteByByteReads() {
    ListenerNegotiation listener = noiseListener();
    ByteBuf wire = buf(HEADER + msg("/noise"));
    StringBuilder sent = new StringBuilder();
    Step step = null;
    while (wire.isReadable()) {
      step = listener.onBytes(wire.readSlice(1));
      sent.append(hex(step.toSend()));
    }
    assertEquals(HEADER + msg("/noise"), sent.toString());
    assertTrue(step.isSelected());
  }

  @Test
  void listsProtocolsOnLs() {
    ListenerNegotiation listener = new ListenerNegotiation(new LinkedHashSet<>(List.of("/noise", "/tls/1.0.0")));
    Step step = listener.onBytes(buf(HEADER + "036c730a"));
    // 19 bytes: 07 "/noise" 0a  0b "/tls/1.0.0" 0a  0a
    String body = "072f6e6f6973650a" + "0b2f746c732f312e302e300a" + "0a";
    assertEquals(HEADER + "15" + body, hex(step.toSend()));
    assertInstanceOf(NegotiationState.Negotiating.class, step.state());
  }

  @Test
  void failsWithoutAHeader() {
    Step step = noiseListener().onBytes(buf(msg("/noise")));
    assertEquals("multistream: unexpected header: expected '/multistream/1.0.0', got '/noise'",
        ((NegotiationState.Failed) step.state()).reason());
  }

  @Test
  void givesUpAfterTooManyRefusals() {
    ListenerNegotiation listener = noiseListener();
    listener.onBytes(buf(HEADER));
    StringBuilder proposals = new StringBuilder();
    for (int i = 0; i <= ListenerNegotiation.MAX_REFUSED; i++) {
      proposals.append(msg("/nope/" + i));
    }
    Step step = listener.onBytes(buf(proposals.toString()));
    assertEquals("multistream: too many refused proposals (100)", ((NegotiationState.Failed) step.state()).reason());
  }

  @Test
  void refusesAnLsAnswerThatCannotFit() {
    Set<String> many = new LinkedHashSet<>();
    for (int i = 0; i < 100; i++) {
      many.add("/protocol/number/" + i);
    }
    assertThrows(IllegalArgumentException.class, () -> new ListenerNegotiation(many));
  }
}
