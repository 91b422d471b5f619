package dev.axnode.securechannel.noise;

import static dev.axnode.securechannel.noise.NoiseXXHandshakeTest.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transport decryption in place: one inbound buffer reused per read, never under a slice still held. */
class NoiseTransportTest {

  private NoiseTransport sender;
  private NoiseTransport receiver;

  @BeforeEach
  void handshake() throws NoiseException {
    NoiseXXHandshake initiator = TestIdentity.fromSeed(1).initiator(null);
    NoiseXXHandshake responder = TestIdentity.fromSeed(2).responder();
    NoiseXXHandshakeTest.run(initiator, responder);
    sender = initiator.transport();
    receiver = responder.transport();
  }

  @Test
  void manyFramesOfOneReadComeOutContiguous() throws NoiseException {
    ByteBuf wire = Unpooled.buffer();
    byte[] expected = new byte[0];
    for (int size : new int[] {1, 0, 17, 65519, 300, 65519, 5}) {
      byte[] piece = pattern(size);
      wire.writeBytes(sender.encrypt(Unpooled.wrappedBuffer(piece)));
      expected = concat(expected, piece);
    }
    ByteBuf plain = receiver.decrypt(wire);
    assertArrayEquals(expected, ByteBufUtil.getBytes(plain));
    plain.release();
  }

  @Test
  void aReleasedResultLetsTheNextReadReuseTheBuffer() throws NoiseException {
    ByteBuf wire = sender.encrypt(Unpooled.wrappedBuffer(pattern(200_000)));
    ByteBuf plain = Unpooled.buffer();
    ByteBuf firstBuffer = null;
    while (wire.isReadable()) {
      ByteBuf read = receiver.decrypt(wire.readSlice(Math.min(wire.readableBytes(), 20_000)));
      if (read.isReadable()) { // a read that completes no frame gets the shared empty buffer
        firstBuffer = firstBuffer == null ? read.unwrap() : firstBuffer;
        assertSame(firstBuffer, read.unwrap(), "no new buffer per read");
      }
      plain.writeBytes(read);
      read.release();
    }
    assertArrayEquals(pattern(200_000), ByteBufUtil.getBytes(plain));
  }

  @Test
  void aHeldResultIsNeverOverwritten() throws NoiseException {
    ByteBuf wire = sender.encrypt(Unpooled.wrappedBuffer(pattern(3 * 65519)));
    ByteBuf first = receiver.decrypt(wire.readSlice(65537 + 100));
    byte[] firstBytes = ByteBufUtil.getBytes(first);
    ByteBuf second = receiver.decrypt(wire.readSlice(65537));
    ByteBuf third = receiver.decrypt(wire);
    assertNotSame(first.unwrap(), second.unwrap());
    assertArrayEquals(firstBytes, ByteBufUtil.getBytes(first));
    assertArrayEquals(pattern(3 * 65519), concat(concat(firstBytes, ByteBufUtil.getBytes(second)),
        ByteBufUtil.getBytes(third)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
