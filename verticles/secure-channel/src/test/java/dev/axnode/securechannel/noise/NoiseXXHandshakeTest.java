package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two instances of the libp2p handshake against each other. */
class NoiseXXHandshakeTest {

  private final TestIdentity alice = TestIdentity.fromSeed(1);
  private final TestIdentity bob = TestIdentity.fromSeed(2);

  /** Runs the three messages, returning them in order. */
  static byte[][] run(NoiseXXHandshake initiator, NoiseXXHandshake responder) throws NoiseException {
    byte[][] messages = new byte[3][];
    messages[0] = initiator.writeMessage();
    responder.readMessage(messages[0]);
    messages[1] = responder.writeMessage();
    initiator.readMessage(messages[1]);
    messages[2] = initiator.writeMessage();
    responder.readMessage(messages[2]);
    return messages;
  }

  @Test
  void handshakeAuthenticatesBothSides() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(bob.nodeId());
    NoiseXXHandshake responder = bob.responder();
    assertTrue(initiator.isMyTurn());
    assertFalse(responder.isMyTurn());

    byte[][] messages = run(initiator, responder);

    assertEquals(32, messages[0].length);
    assertEquals(200, messages[1].length, "message 2 with an Ed25519 payload and no extensions");
    assertEquals(168, messages[2].length);
    assertTrue(initiator.isComplete() && responder.isComplete());
    assertEquals(bob.nodeId(), initiator.remotePeer());
    assertEquals(alice.nodeId(), responder.remotePeer());
    assertEquals(List.of(), initiator.remoteStreamMuxers());
    assertArrayEquals(initiator.handshakeHash(), responder.handshakeHash());
  }

  @Test
  void payloadWithoutExtensionsIs104Bytes() {
    assertEquals(104, alice.payload().length);
  }

  @Test
  void streamMuxersReachThePeer() throws NoiseException {
    NoiseXXHandshake initiator = new NoiseXXHandshake(NoiseRole.INITIATOR, alice.staticKeys,
        alice.payload(List.of("/yamux/1.0.0")), null);
    NoiseXXHandshake responder = new NoiseXXHandshake(NoiseRole.RESPONDER, bob.staticKeys,
        bob.payload(List.of("/yamux/1.0.0", "/mplex/6.7.0")), null);
    run(initiator, responder);
    assertEquals(List.of("/yamux/1.0.0", "/mplex/6.7.0"), initiator.remoteStreamMuxers());
    assertEquals(List.of("/yamux/1.0.0"), responder.remoteStreamMuxers());
  }

  @Test
  void transportRoundTripsBothWays() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(bob.nodeId());
    NoiseXXHandshake responder = bob.responder();
    run(initiator, responder);
    NoiseTransport a = initiator.transport();
    NoiseTransport b = responder.transport();
    for (int i = 0; i < 3; i++) {
      assertEquals("ping " + i, text(b.decrypt(a.encrypt(bytes("ping " + i)))));
      assertEquals("pong " + i, text(a.decrypt(b.encrypt(bytes("pong " + i)))));
    }
  }

  @Test
  void framesCarryAtMost65519PlaintextBytes() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(null);
    NoiseXXHandshake responder = bob.responder();
    run(initiator, responder);
    NoiseTransport a = initiator.transport();
    NoiseTransport b = responder.transport();

    ByteBuf full = a.encrypt(Unpooled.wrappedBuffer(pattern(65519)));
    assertEquals(2 + 65535, full.readableBytes(), "one full frame");
    assertEquals(0xffff, full.getUnsignedShort(0));
    assertArrayEquals(pattern(65519), drain(b.decrypt(full)));

    ByteBuf two = a.encrypt(Unpooled.wrappedBuffer(pattern(65520)));
    assertEquals(2 + 65535 + 2 + 17, two.readableBytes(), "65519 + 1 bytes in two frames");
    assertEquals(17, two.getUnsignedShort(2 + 65535));
    assertArrayEquals(pattern(65520), drain(b.decrypt(two)));

    assertEquals(0, a.encrypt(Unpooled.EMPTY_BUFFER).readableBytes());
    assertThrows(IllegalArgumentException.class, () -> a.encryptMessage(new byte[65520]));
  }

  @Test
  void transportDecryptsAcrossSplitReads() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(null);
    NoiseXXHandshake responder = bob.responder();
    run(initiator, responder);
    ByteBuf wire = initiator.transport().encrypt(Unpooled.wrappedBuffer(pattern(100_000)));
    ByteBuf plain = Unpooled.buffer();
    while (wire.isReadable()) {
      plain.writeBytes(responder.transport().decrypt(wire.readSlice(Math.min(wire.readableBytes(), 1000))));
    }
    assertArrayEquals(pattern(100_000), drain(plain));
  }

  @Test
  void peerIdMismatchIsRejected() throws NoiseException {
    NodeId someoneElse = TestIdentity.fromSeed(3).nodeId();
    NoiseXXHandshake initiator = alice.initiator(someoneElse);
    NoiseXXHandshake responder = bob.responder();
    responder.readMessage(initiator.writeMessage());
    byte[] second = responder.writeMessage();
    NoiseException e = assertThrows(NoiseException.class, () -> initiator.readMessage(second));
    assertEquals("noise: peer ID mismatch: dialed " + someoneElse + ", got " + bob.nodeId(), e.getMessage());
    assertFalse(initiator.isMyTurn());
    assertThrows(IllegalStateException.class, initiator::writeMessage);
  }

  @Test
  void signatureOverAnotherStaticKeyIsRejected() throws NoiseException {
    // bob's identity signs a static key that is not the one he uses in the handshake
    byte[] wrongSignature = bob.sign(NoiseIdentity.signingInput(alice.staticKeys.publicKey()));
    byte[] forged = new NoiseHandshakePayload(NoiseIdentity.encodePublicKey(bob.ed25519PublicKey()),
        wrongSignature, List.of(), List.of()).encode();
    NoiseXXHandshake initiator = alice.initiator(null);
    NoiseXXHandshake responder = new NoiseXXHandshake(NoiseRole.RESPONDER, bob.staticKeys, forged, null);
    responder.readMessage(initiator.writeMessage());
    byte[] second = responder.writeMessage();
    NoiseException e = assertThrows(NoiseException.class, () -> initiator.readMessage(second));
    assertEquals("noise: invalid identity signature over the static key", e.getMessage());
  }

  @Test
  void badSignatureFromTheInitiatorIsRejected() throws NoiseException {
    byte[] payload = alice.payload();
    payload[payload.length - 1] ^= 1; // last byte of the signature
    NoiseXXHandshake initiator = new NoiseXXHandshake(NoiseRole.INITIATOR, alice.staticKeys, payload, null);
    NoiseXXHandshake responder = bob.responder();
    responder.readMessage(initiator.writeMessage());
    initiator.readMessage(responder.writeMessage());
    byte[] third = initiator.writeMessage();
    assertThrows(NoiseException.class, () -> responder.readMessage(third));
    assertFalse(responder.isComplete());
  }

  @Test
  void everyTamperedByteOfMessage2IsRejected() throws NoiseException {
    for (int i = 0; i < 200; i += 7) {
      NoiseXXHandshake initiator = alice.initiator(null);
      NoiseXXHandshake responder = bob.responder();
      responder.readMessage(initiator.writeMessage());
      byte[] second = responder.writeMessage();
      second[i] ^= 0x40;
      assertThrows(NoiseException.class, () -> initiator.readMessage(second), "byte " + i);
    }
  }

  @Test
  void tamperedMessage3IsRejected() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(null);
    NoiseXXHandshake responder = bob.responder();
    responder.readMessage(initiator.writeMessage());
    initiator.readMessage(responder.writeMessage());
    byte[] third = initiator.writeMessage();
    third[100] ^= 1;
    NoiseException e = assertThrows(NoiseException.class, () -> responder.readMessage(third));
    assertTrue(e.getMessage().startsWith("noise: decryption failed"));
  }

  @Test
  void shortAndOversizedMessagesAreRejected() throws NoiseException {
    assertThrows(NoiseException.class, () -> bob.responder().readMessage(new byte[31]));
    assertThrows(NoiseException.class, () -> bob.responder().readMessage(new byte[65536]));
    NoiseXXHandshake initiator = alice.initiator(null);
    NoiseXXHandshake responder = bob.responder();
    responder.readMessage(initiator.writeMessage());
    byte[] second = responder.writeMessage();
    for (int length : new int[] {0, 32, 64, 80, 95, 199}) {
      NoiseXXHandshake fresh = alice.initiator(null);
      bob.responder().readMessage(fresh.writeMessage());
      assertThrows(NoiseException.class, () -> fresh.readMessage(Arrays.copyOf(second, length)),
          "length " + length);
    }
  }

  @Test
  void lowOrderEphemeralIsRejected() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(null);
    initiator.writeMessage();
    byte[] second = new byte[200]; // all-zero ephemeral key: ee would be all zero
    NoiseException e = assertThrows(NoiseException.class, () -> initiator.readMessage(second));
    assertTrue(e.getMessage().contains("low-order"));
  }

  @Test
  void turnsAreEnforced() {
    assertThrows(IllegalStateException.class, () -> alice.initiator(null).readMessage(new byte[32]));
    assertThrows(IllegalStateException.class, () -> bob.responder().writeMessage());
    assertThrows(IllegalStateException.class, () -> bob.responder().transport());
    assertThrows(IllegalStateException.class, () -> bob.responder().remotePeer());
  }

  @Test
  void framedMessagesGoThroughTheFrameCodec() throws NoiseException {
    NoiseXXHandshake initiator = alice.initiator(bob.nodeId());
    NoiseXXHandshake responder = bob.responder();
    NoiseFrameCodec toResponder = new NoiseFrameCodec();
    NoiseFrameCodec toInitiator = new NoiseFrameCodec();
    toResponder.append(initiator.writeFrame());
    responder.readMessage(toResponder.nextMessage());
    ByteBuf second = responder.writeFrame();
    assertEquals(0x00c8, second.getUnsignedShort(0), "length prefix 200");
    toInitiator.append(second);
    initiator.readMessage(toInitiator.nextMessage());
    // message 3 and the first transport frame arrive in one read
    ByteBuf read = Unpooled.buffer();
    read.writeBytes(initiator.writeFrame());
    read.writeBytes(initiator.transport().encrypt(bytes("hello")));
    toResponder.append(read);
    responder.readMessage(toResponder.nextMessage());
    assertEquals("hello", text(responder.transport().decrypt(toResponder.takeLeftover())));
  }

  static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  private static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String text(ByteBuf buf) {
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] drain(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.readBytes(out);
    return out;
  }
}
