package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * Encodes yamux frames and decodes them incrementally from an accumulation buffer.
 *
 * <p>Wire format (spec: https://github.com/hashicorp/yamux/blob/master/spec.md), 12-byte
 * header, all fields big-endian, followed by {@code Length} payload bytes for DATA only:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------------------------------+
 * |  Version (8)  |   Type (8)    |           Flags (16)          |
 * +---------------+---------------+-------------------------------+
 * |                         Stream ID (32)                        |
 * +---------------------------------------------------------------+
 * |                           Length (32)                         |
 * +---------------------------------------------------------------+
 * |                 Payload (DATA only, Length bytes)  ...        |
 * +---------------------------------------------------------------+
 * </pre>
 * Version is 0; Type is {@link FrameType}; Flags are {@link Flags}.
 *
 * <p>A DATA length is checked against the receiver's window as soon as the header has
 * arrived, before any payload is accumulated, so a hostile length field never makes the
 * session buffer more than the window it advertised.
 *
 * <p>One instance per session (it remembers a header whose payload is still incomplete);
 * not thread-safe.
 */
public final class FrameCodec {

  /** Tells the decoder how many DATA payload bytes the receiver accepts for a header. */
  @FunctionalInterface
  public interface DataLimit {
    long maxDataLength(FrameHeader header);
  }

  private FrameHeader pending;

  /**
   * Reads the next complete frame from {@code in}, or returns null (consuming at most a
   * header) when more bytes are needed. The payload is a retained slice of {@code in}
   * that the caller owns.
   *
   * @throws YamuxProtocolException on an unknown version or type, or a DATA length above
   *     {@code limit}
   */
  public Frame decode(ByteBuf in, DataLimit limit) {
    if (pending == null) {
      if (in.readableBytes() < FrameHeader.SIZE) {
        return null;
      }
      FrameHeader header = readHeader(in);
      if (header.type() == FrameType.DATA) {
        long max = limit.maxDataLength(header);
        if (header.length() > max) {
          throw new YamuxProtocolException(
              "DATA length " + header.length() + " exceeds window " + max + ": " + header);
        }
      }
      pending = header;
    }
    FrameHeader header = pending;
    if (header.type() != FrameType.DATA || header.length() == 0) {
      pending = null;
      return new Frame(header, Unpooled.EMPTY_BUFFER);
    }
    if (in.readableBytes() < header.length()) {
      return null;
    }
    pending = null;
    return new Frame(header, in.readRetainedSlice((int) header.length()));
  }

  /** The header whose payload has not fully arrived yet, or null. */
  FrameHeader pending() {
    return pending;
  }

  /** Whether a header has been read whose payload has not fully arrived yet. */
  public boolean hasPartialFrame() {
    return pending != null;
  }

  /** Reads and validates one 12-byte header; the caller ensures 12 bytes are readable. */
  static FrameHeader readHeader(ByteBuf in) {
    int version = in.readUnsignedByte();
    int typeCode = in.readUnsignedByte();
    int flags = in.readUnsignedShort();
    long streamId = in.readUnsignedInt();
    long length = in.readUnsignedInt();
    if (version != FrameHeader.VERSION) {
      throw new YamuxProtocolException("unsupported version " + version);
    }
    FrameType type = FrameType.fromCode(typeCode);
    if (type == null) {
      throw new YamuxProtocolException("unknown frame type " + typeCode);
    }
    return new FrameHeader(type, flags, streamId, length);
  }

  public static void writeHeader(FrameHeader header, ByteBuf out) {
    out.writeByte(FrameHeader.VERSION);
    out.writeByte(header.type().code());
    out.writeShort(header.flags());
    out.writeInt((int) header.streamId());
    out.writeInt((int) header.length());
  }

  /** A new 12-byte buffer holding the header. */
  public static ByteBuf encodeHeader(ByteBufAllocator alloc, FrameHeader header) {
    ByteBuf out = alloc.buffer(FrameHeader.SIZE, FrameHeader.SIZE);
    writeHeader(header, out);
    return out;
  }

  /**
   * The header followed by {@code payload} as one buffer; takes ownership of the payload,
   * whose readable size must equal the header length for DATA and be 0 otherwise.
   */
  public static ByteBuf encode(ByteBufAllocator alloc, FrameHeader header, ByteBuf payload) {
    long expected = header.type() == FrameType.DATA ? header.length() : 0;
    if (payload.readableBytes() != expected) {
      payload.release();
      throw new IllegalArgumentException("yamux: payload size differs from " + header);
    }
    ByteBuf head = encodeHeader(alloc, header);
    if (!payload.isReadable()) {
      payload.release();
      return head;
    }
    return alloc.compositeBuffer(2).addComponents(true, head, payload);
  }
}
