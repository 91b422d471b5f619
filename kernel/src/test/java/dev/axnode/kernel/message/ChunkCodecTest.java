package dev.axnode.kernel.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.Chunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The connection bytes' codec: locally the buffer is handed over, across JVMs its bytes are
 * copied onto the wire and the receiver gets a buffer of its own. The layers hand each other
 * pooled and sliced Netty buffers, so the copy must leave the reference counts alone: the
 * sender's buffer is neither released nor retained by being encoded, and the decoded one owns
 * its memory (nothing of the frame it was read from, which Vert.x recycles).
 */
class ChunkCodecTest {

  private final Chunk.Codec codec = new Chunk.Codec();

  @Test
  void localHandOverIsTheSameBuffer() {
    Chunk chunk = new Chunk(Buffer.buffer("bytes"));
    assertSame(chunk, codec.transform(chunk));
  }

  @Test
  void aPooledDirectBufferIsCopiedWithoutTouchingItsReferenceCount() {
    ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
    for (int i = 0; i < 1000; i++) {
      pooled.writeByte(i);
    }
    Chunk sent = new Chunk(Buffers.buffer(pooled));
    Buffer wire = Buffer.buffer().appendString("head");
    codec.encodeToWire(wire, sent);
    assertEquals(1, pooled.refCnt(), "encoding neither releases nor retains the sender's buffer");
    assertEquals(0, pooled.readerIndex());
    assertEquals(1000, pooled.readableBytes());

    Chunk received = codec.decodeFromWire(4, wire);
    ByteBuf copy = Buffers.byteBuf(received.data());
    assertNotSame(pooled, copy);
    assertEquals(1, copy.refCnt());
    assertEquals(sent.data(), received.data());

    // The wire frame is recycled by Vert.x after decoding: the chunk must not share its bytes.
    wire.setByte(4 + 4, (byte) 0x7f);
    assertEquals((byte) 0, received.data().getByte(0));
    // The sender releases its buffer once (a pool slot); the received copy is unaffected.
    assertTrue(pooled.release());
    assertEquals(0, pooled.refCnt());
    assertEquals((byte) 1, received.data().getByte(1));
    // Vert.x heap buffers are garbage-collected and ignore release: a receiver that releases
    // what it took over (as a layer owning a pooled chunk must) frees nothing twice.
    copy.release();
    assertEquals((byte) 1, received.data().getByte(1));
  }

  @Test
  void aSliceStartingInsideItsBufferSendsOnlyItsBytes() {
    ByteBuf frame = PooledByteBufAllocator.DEFAULT.heapBuffer(64);
    frame.writeBytes(new byte[] {9, 9, 9, 1, 2, 3});
    frame.readerIndex(3);
    Chunk sent = new Chunk(Buffers.buffer(frame));
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, sent);
    Chunk received = codec.decodeFromWire(0, wire);
    assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), received.data());
    assertEquals(3, frame.readerIndex(), "encoding does not consume the sender's bytes");
    assertEquals(1, frame.refCnt());
    assertTrue(frame.release());
  }

  @Test
  void boundarySizesRoundTrip() {
    for (int size : new int[] {0, 1, 65_535, 65_536, 1 << 20}) {
      byte[] bytes = new byte[size];
      for (int i = 0; i < size; i++) {
        bytes[i] = (byte) (i * 31);
      }
      Buffer wire = Buffer.buffer().appendByte((byte) 1);
      codec.encodeToWire(wire, new Chunk(Buffer.buffer(bytes)));
      assertEquals(1 + 4 + size, wire.length());
      assertEquals(size, wire.getInt(1), "a 4-byte big-endian length, then the bytes");
      assertEquals(Buffer.buffer(bytes), codec.decodeFromWire(1, wire).data());
    }
  }
}
