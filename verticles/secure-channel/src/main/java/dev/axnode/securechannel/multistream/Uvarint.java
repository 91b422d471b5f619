package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;

/**
 * Unsigned varints as multiformats defines them (LEB128, minimal encoding): only what
 * multistream-select needs, a bounded length prefix.
 *
 * <p>Spec: https://github.com/multiformats/unsigned-varint
 */
final class Uvarint {

  /** Returned by {@link #peek} while the varint is not complete yet. */
  static final int INCOMPLETE = -1;

  private Uvarint() {
  }

  /**
   * Reads a varint at the reader index without consuming it. Rejects a value above
   * {@code limit} as soon as it is certain, so a hostile prefix never makes us wait for
   * (or allocate) a huge message.
   */
  static int peek(ByteBuf in, int limit) throws MultistreamException {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    long value = 0;
    for (int i = 0; i < readable; i++) {
      int b = in.getByte(start + i) & 0xff;
      if (i > 0 && b == 0) {
        // a zero final byte only pads: the spec requires the shortest form
        throw new MultistreamException("bad varint: not minimally encoded");
      }
      value |= (long) (b & 0x7f) << (7 * i);
      if (value > limit) {
        throw new MultistreamException("message too long: length exceeds " + limit + " bytes");
      }
      if ((b & 0x80) == 0) {
        return (int) value;
      }
      if (i >= 8) {
        throw new MultistreamException("bad varint: more than 9 bytes");
      }
    }
    return INCOMPLETE;
  }

  /** The encoded size of {@code value}. */
  static int size(int value) {
    int size = 1;
    while ((value >>>= 7) != 0) {
      size++;
    }
    return size;
  }

  static void write(ByteBuf out, int value) {
    while ((value & ~0x7f) != 0) {
      out.writeByte((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.writeByte(value);
  }
}
