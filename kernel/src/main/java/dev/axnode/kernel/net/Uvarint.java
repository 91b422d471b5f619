package dev.axnode.kernel.net;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints as multiformats use them: at most 9 bytes, minimal encoding. */
public final class Uvarint {

  public static final int MAX_BYTES = 9;

  private Uvarint() {
  }

  public static void write(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /** Sequential bounded reading of a byte array. */
  public static final class Reader {
    private final byte[] bytes;
    private int position;

    public Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    public long read() {
      long value = 0;
      for (int i = 0; i < MAX_BYTES; i++) {
        if (position >= bytes.length) {
          throw new IllegalArgumentException("truncated varint");
        }
        int b = bytes[position++] & 0xFF;
        value |= (long) (b & 0x7F) << (7 * i);
        if ((b & 0x80) == 0) {
          if (b == 0 && i > 0) {
            throw new IllegalArgumentException("varint not minimally encoded");
          }
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than " + MAX_BYTES + " bytes");
    }

    /** A length read as a varint, bounded by what is left. */
    public int length() {
      long length = read();
      if (length > bytes.length - position) {
        throw new IllegalArgumentException("length " + length + " beyond the end");
      }
      return (int) length;
    }

    public byte[] bytes(int count) {
      if (count < 0 || count > bytes.length - position) {
        throw new IllegalArgumentException("truncated: need " + count + " bytes");
      }
      byte[] result = java.util.Arrays.copyOfRange(bytes, position, position + count);
      position += count;
      return result;
    }

    public boolean atEnd() {
      return position == bytes.length;
    }
  }
}
