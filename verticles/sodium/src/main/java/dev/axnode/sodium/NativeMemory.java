package dev.axnode.sodium;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Native memory for libsodium calls: a small fixed block per cipher (its key and nonce),
 * and a way to run an in-place call over part of any {@link ByteBuf}. Direct buffers are
 * worked on where they lie; heap and composite buffers go through a per-thread native
 * scratch block, one {@value #SCRATCH_BYTES}-byte piece at a time (two memcpys per piece,
 * a small price next to the cipher they let run natively).
 */
public final class NativeMemory {

  /** Pieces are a multiple of 64 bytes, so a block-counter cipher can continue per piece. */
  public static final int SCRATCH_BYTES = 64 * 1024;

  private static final FastThreadLocal<Block> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected Block initialValue() {
      return allocate(SCRATCH_BYTES);
    }
  };

  private NativeMemory() {
  }

  /** One native operation on {@code length} bytes at {@code address}, the piece that starts {@code offset} bytes into the region. */
  @FunctionalInterface
  public interface InPlaceCall {
    void apply(long address, int length, long offset);
  }

  /** One native operation on the scratch block at {@code address}; a negative result means "failed, copy nothing out". */
  @FunctionalInterface
  public interface ScratchCall {
    int apply(long address);
  }

  /** A block of native memory that lives as long as this object (the GC frees it). */
  public static final class Block {
    private final ByteBuffer buffer;
    private final long address;

    private Block(ByteBuffer buffer) {
      this.buffer = buffer;
      this.address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
    }

    public long address() {
      return address;
    }

    public int size() {
      return buffer.capacity();
    }

    /** Copies {@code bytes} in at {@code offset}. */
    public void put(int offset, byte[] bytes) {
      buffer.put(offset, bytes, 0, bytes.length);
    }

    /** Writes {@code value} as 8 little-endian bytes at {@code offset}. */
    public void putLongLittleEndian(int offset, long value) {
      buffer.putLong(offset, Long.reverseBytes(value));
    }

    /** Copies {@code into.length} bytes out, from {@code offset}. */
    public void get(int offset, byte[] into) {
      buffer.get(offset, into, 0, into.length);
    }

    /** Overwrites {@code length} bytes from {@code offset} with zeros. */
    public void zero(int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        buffer.put(i, (byte) 0);
      }
    }
  }

  /** A new native block of {@code size} bytes, zeroed. */
  public static Block allocate(int size) {
    return new Block(ByteBuffer.allocateDirect(size));
  }

  /**
   * Runs {@code call} over bytes {@code [index, index + length)} of {@code buf} so that what
   * it writes ends up in {@code buf}; reader and writer indexes do not move.
   */
  public static void inPlace(ByteBuf buf, int index, int length, InPlaceCall call) {
    Objects.checkFromIndexSize(index, length, buf.capacity());
    if (length == 0) {
      return;
    }
    if (buf.hasMemoryAddress()) {
      call.apply(buf.memoryAddress() + index, length, 0);
      return;
    }
    Block scratch = SCRATCH.get();
    ByteBuffer window = scratch.buffer.duplicate();
    for (int done = 0; done < length; ) {
      int piece = Math.min(SCRATCH_BYTES, length - done);
      window.clear().limit(piece);
      buf.getBytes(index + done, window);
      call.apply(scratch.address, piece, done);
      window.clear().limit(piece);
      buf.setBytes(index + done, window);
      done += piece;
    }
  }

  /**
   * Copies {@code srcLength} bytes of {@code src} from {@code srcIndex} into this thread's
   * scratch block, runs {@code call} on it, then copies the first {@code dstLength} bytes
   * of the block into {@code dst} at {@code dstIndex}, unless the call returned a negative
   * number. No indexes move. For operations whose output differs in length from their
   * input (seal adds a tag, open removes it); both lengths must fit in one block.
   *
   * @return what {@code call} returned
   */
  public static int throughScratch(ByteBuf src, int srcIndex, int srcLength, ByteBuf dst, int dstIndex,
      int dstLength, ScratchCall call) {
    if (srcLength > SCRATCH_BYTES || dstLength > SCRATCH_BYTES) {
      throw new IllegalArgumentException("at most " + SCRATCH_BYTES + " bytes through the scratch block, got "
          + Math.max(srcLength, dstLength));
    }
    Block scratch = SCRATCH.get();
    ByteBuffer window = scratch.buffer.duplicate();
    window.limit(srcLength);
    src.getBytes(srcIndex, window);
    int result = call.apply(scratch.address);
    if (result >= 0) {
      window.clear().limit(dstLength);
      dst.setBytes(dstIndex, window);
    }
    return result;
  }
}
