package dev.axnode.psk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.SwarmKey;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PnetCipherTest {

  private final Random random = new Random(42);

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** What one side puts on the wire: its nonce in clear, then the encrypted payload. */
  private static byte[] wire(PnetCipher sender, byte[] payload) {
    ByteBuf data = Unpooled.directBuffer().writeBytes(payload);
    try {
      sender.encrypt(data);
      byte[] out = new byte[PnetCipher.NONCE_LENGTH + payload.length];
      System.arraycopy(sender.localNonce(), 0, out, 0, PnetCipher.NONCE_LENGTH);
      data.getBytes(0, out, PnetCipher.NONCE_LENGTH, payload.length);
      return out;
    } finally {
      data.release();
    }
  }

  /** The receiver's read loop, the wire cut into reads of {@code readSize} bytes. */
  private static byte[] receive(PnetCipher receiver, byte[] wire, int readSize) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (int off = 0; off < wire.length; off += readSize) {
      ByteBuf read = Unpooled.buffer().writeBytes(wire, off, Math.min(readSize, wire.length - off));
      if (receiver.acceptPeerNonce(read) == 0 && read.isReadable()) {
        receiver.decrypt(read);
        byte[] chunk = new byte[read.readableBytes()];
        read.readBytes(chunk);
        plain.writeBytes(chunk);
      }
      read.release();
    }
    return plain.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 23, 24, 25, 64, 1000, 100_000})
  void backToBackAnyReadSize(int readSize) {
    byte[] key = bytes(32);
    PnetCipher a = new PnetCipher(key, bytes(24));
    PnetCipher b = new PnetCipher(key, bytes(24));
    byte[] aToB = bytes(70_000);
    byte[] bToA = bytes(3_001);

    assertArrayEquals(aToB, receive(b, wire(a, aToB), readSize));
    assertArrayEquals(bToA, receive(a, wire(b, bToA), readSize));
    assertTrue(a.peerNonceComplete());
    assertTrue(b.peerNonceComplete());
  }

  @Test
  void nonceSplitAcrossReadsWithDataAfterIt() {
    byte[] key = bytes(32);
    PnetCipher a = new PnetCipher(key, bytes(24));
    PnetCipher b = new PnetCipher(key, bytes(24));
    byte[] wire = wire(a, "hello pnet".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    ByteBuf first = Unpooled.wrappedBuffer(wire, 0, 10);
    assertEquals(14, b.acceptPeerNonce(first));
    assertFalse(first.isReadable());
    assertFalse(b.peerNonceComplete());

    ByteBuf second = Unpooled.wrappedBuffer(wire, 10, wire.length - 10);
    assertEquals(0, b.acceptPeerNonce(second));
    assertEquals(10, second.readableBytes());
    b.decrypt(second);
    assertEquals("hello pnet", second.toString(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(0, b.acceptPeerNonce(Unpooled.wrappedBuffer(new byte[3])), "complete: reads nothing more");
  }

  @Test
  void wrongKeyGivesGarbage() {
    PnetCipher a = new PnetCipher(bytes(32), bytes(24));
    PnetCipher b = new PnetCipher(bytes(32), bytes(24));
    byte[] payload = bytes(256);
    byte[] received = receive(b, wire(a, payload), 4096);
    assertEquals(payload.length, received.length);
    assertFalse(Arrays.equals(payload, received));
  }

  @Test
  void wrongNonceLengths() {
    PnetCipher cipher = new PnetCipher(bytes(32), bytes(24));
    PnetException shortNonce = assertThrows(PnetException.class, () -> cipher.acceptPeerNonce(new byte[23]));
    assertEquals("pnet: a nonce has 24 bytes, got 23", shortNonce.getMessage());
    assertThrows(PnetException.class, () -> cipher.acceptPeerNonce(new byte[25]));
    assertThrows(PnetException.class, () -> new PnetCipher(bytes(32), new byte[8]));
    assertFalse(cipher.peerNonceComplete());

    cipher.acceptPeerNonce(new byte[24]);
    assertThrows(PnetException.class, () -> cipher.acceptPeerNonce(new byte[24]), "only once");
  }

  @Test
  void payloadBeforeNonceIsAnError() {
    PnetCipher cipher = new PnetCipher(bytes(32), bytes(24));
    cipher.acceptPeerNonce(Unpooled.wrappedBuffer(new byte[5]));
    PnetException e = assertThrows(PnetException.class, () -> cipher.decrypt(Unpooled.buffer(1).writeByte(1)));
    assertTrue(e.getMessage().startsWith("pnet: "), e.getMessage());
    assertTrue(e.getMessage().contains("5 of 24"), e.getMessage());
    String ended = assertThrows(PnetException.class, cipher::requirePeerNonce).getMessage();
    assertEquals("pnet: connection ended after 5 of 24 nonce bytes", ended);
  }

  @Test
  void createdCiphersHaveFreshNoncesAndKeepThemPrivate() {
    SwarmKey key = SwarmKey.generate(new SecureRandom());
    PnetCipher a = PnetCipher.create(key, new SecureRandom());
    PnetCipher b = PnetCipher.create(key, new SecureRandom());
    assertFalse(Arrays.equals(a.localNonce(), b.localNonce()));
    a.localNonce()[0] ^= 1;
    byte[] payload = bytes(100);
    assertArrayEquals(payload, receive(b, wire(a, payload), 7));
    assertFalse(a.toString().contains(java.util.HexFormat.of().formatHex(key.bytes())));
  }

  @Test
  void encryptLeavesIndexesAlone() {
    PnetCipher cipher = new PnetCipher(bytes(32), bytes(24));
    ByteBuf buf = Unpooled.buffer(64).writeBytes(bytes(40));
    buf.readerIndex(8);
    cipher.encrypt(buf);
    assertEquals(8, buf.readerIndex());
    assertEquals(40, buf.writerIndex());
  }
}
