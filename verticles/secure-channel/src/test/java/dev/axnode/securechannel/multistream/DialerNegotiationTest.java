package dev.axnode.securechannel.multistream;

import static dev.axnode.securechannel.multistream.Bytes.buf;
import static dev.axnode.securechannel.multistream.Bytes.hex;
import static dev.axnode.securechannel.multistream.Bytes.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialerNegotiationTest {

  private static final String HEADER = msg("/multistream/1.0.0");
  private static final String NA = "036e610a";

  @Test
  void sendsHeaderAndFirstProposalAtOnce() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    Step step = dialer.start();
    assertEquals(HEADER + "072f6e6f6973650a", hex(step.toSend()));
    assertInstanceOf(NegotiationState.Negotiating.class, step.state());
    assertThrows(IllegalStateException.class, dialer::start);
  }

  @Test
  void selectsOnEchoAndKeepsTheDataThatFollows() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    ByteBuf read = buf(HEADER + msg("/noise") + "00c8abcdef");
    Step step = dialer.onBytes(read);
    assertEquals(0, read.readableBytes(), "the read is consumed");
    assertEquals(0, step.toSend().readableBytes());
    NegotiationState.Selected selected = assertInstanceOf(NegotiationState.Selected.class, step.state());
    assertEquals("/noise", selected.protocol());
    assertEquals("00c8abcdef", hex(selected.leftover()));
    assertThrows(IllegalStateException.class, () -> dialer.onBytes(buf("00")));
  }

  @Test
  void handlesByteByByteReads() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    ByteBuf wire = buf(HEADER + msg("/noise"));
    Step step = null;
    while (wire.isReadable()) {
      step = dialer.onBytes(wire.readSlice(1));
    }
    NegotiationState.Selected selected = assertInstanceOf(NegotiationState.Selected.class, step.state());
    assertEquals(0, selected.leftover().readableBytes());
  }

  @Test
  void triesTheNextProposalOnNa() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    dialer.start();
    Step first = dialer.onBytes(buf(HEADER));
    assertEquals(0, first.toSend().readableBytes());
    Step second = dialer.onBytes(buf(NA));
    assertEquals(msg("/noise"), hex(second.toSend()));
    Step third = dialer.onBytes(buf(msg("/noise")));
    assertTrue(third.isSelected());
  }

  @Test
  void headerNaAndEchoInOneRead() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    dialer.start();
    Step step = dialer.onBytes(buf(HEADER + NA + msg("/noise")));
    assertEquals(msg("/noise"), hex(step.toSend()));
    assertTrue(step.isSelected());
  }

  @Test
  void failsWhenEveryProposalIsRefused() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/tls/1.0.0", "/noise"));
    dialer.start();
    Step step = dialer.onBytes(buf(HEADER + NA + NA));
    NegotiationState.Failed failed = assertInstanceOf(NegotiationState.Failed.class, step.state());
    assertEquals("multistream: all proposals refused: [/tls/1.0.0, /noise]", failed.reason());
    assertEquals(0, step.toSend().readableBytes());
    assertTrue(dialer.onBytes(buf("00")).isFailed(), "stays failed");
  }

  @Test
  void failsOnAnUnexpectedHeader() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    Step step = dialer.onBytes(buf(msg("/multistream/2.0.0")));
    assertEquals("multistream: unexpected header: expected '/multistream/1.0.0', got '/multistream/2.0.0'",
        ((NegotiationState.Failed) step.state()).reason());
  }

  @Test
  void failsOnAnUnexpectedAnswer() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    Step step = dialer.onBytes(buf(HEADER + msg("/yamux/1.0.0")));
    assertEquals("multistream: unexpected answer '/yamux/1.0.0' to proposal '/noise'",
        ((NegotiationState.Failed) step.state()).reason());
  }

  @Test
  void failsOnMalformedInput() {
    DialerNegotiation dialer = new DialerNegotiation(List.of("/noise"));
    dialer.start();
    Step step = dialer.onBytes(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f}));
    assertTrue(step.isFailed());
    assertTrue(((NegotiationState.Failed) step.state()).reason().startsWith("multistream: message too long"));
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new DialerNegotiation(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new DialerNegotiation(List.of("/" + "x".repeat(1023))));
    assertThrows(IllegalStateException.class, () -> new DialerNegotiation(List.of("/noise")).onBytes(buf("")));
    assertFalse(new DialerNegotiation(List.of("/noise")).start().isSelected());
  }
}
