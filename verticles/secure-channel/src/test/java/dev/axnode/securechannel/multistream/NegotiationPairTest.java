package dev.axnode.securechannel.multistream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A dialer and a listener of this package talking to each other. */
class NegotiationPairTest {

  @Test
  void agreeOnTheFirstCommonProtocol() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    ListenerNegotiation listener = new ListenerNegotiation(Set.of("/noise"));
    ByteBuf toListener = dialer.start().toSend();
    Step dialerStep = null;
    Step listenerStep = null;
    for (int round = 0; round < 4 && !(dialerStep != null && dialerStep.isSelected()); round++) {
      listenerStep = listener.onBytes(toListener);
      dialerStep = dialer.onBytes(listenerStep.toSend());
      toListener = dialerStep.toSend();
    }
    assertTrue(listenerStep.isSelected());
    assertTrue(dialerStep.isSelected());
    assertEquals("/noise", ((NegotiationState.Selected) dialerStep.state()).protocol());
  }

  @Test
  void eagerListenerHeaderWorksToo() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    ListenerNegotiation listener = new ListenerNegotiation(Set.of("/noise"));
    Step header = listener.start();
    Step dialerFirst = dialer.start();
    assertEquals(NegotiationState.Negotiating.class, dialer.onBytes(header.toSend()).state().getClass());
    Step listenerStep = listener.onBytes(dialerFirst.toSend());
    assertTrue(listenerStep.isSelected());
    assertTrue(dialer.onBytes(listenerStep.toSend()).isSelected());
  }
}
