package dev.axnode.securechannel.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * libp2p-noise framing, for handshake and transport messages alike.
 *
 * <pre>
 *   +----------------------+------------------------------+
 *   | length: u16 big-end. | Noise message (length bytes) |
 *   +----------------------+------------------------------+
 *   length &lt;= 65535; a transport message carries &lt;= 65519 plaintext bytes + a 16-byte tag
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md#wire-format
 *
 * <p>An instance accumulates incoming bytes and cuts them into frames; the 16-bit length bounds
 * what it ever holds to one frame plus one read. Not thread-safe.
 */
public final class NoiseFrameCodec {

  public static final int LENGTH_PREFIX = 2;
  public static final int MAX_FRAME = 65535;

  private ByteBuf buffer = Unpooled.buffer(0);

  /** {@code u16(length) ‖ message} in a new heap buffer the caller owns. */
  public static ByteBuf frame(byte[] message) {
    if (message.length > MAX_FRAME) {
      throw new IllegalArgumentException("a Noise message has at most 65535 bytes, got " + message.length);
    }
    ByteBuf out = Unpooled.buffer(LENGTH_PREFIX + message.length);
    out.writeShort(message.length);
    out.writeBytes(message);
    return out;
  }

  /** Copies the readable bytes of {@code in}, consuming them; {@code in} stays the caller's. */
  public void append(ByteBuf in) {
    if (buffer.isReadable()) {
      buffer.discardReadBytes();
    } else {
      buffer.clear();
    }
    buffer.writeBytes(in);
  }

  /**
   * The body of the next complete frame as a slice of the internal buffer, valid until the next
   * {@link #append}; null while incomplete.
   */
  public ByteBuf nextSlice() {
    if (buffer.readableBytes() < LENGTH_PREFIX) {
      return null;
    }
    int length = buffer.getUnsignedShort(buffer.readerIndex());
    if (buffer.readableBytes() < LENGTH_PREFIX + length) {
      return null;
    }
    buffer.skipBytes(LENGTH_PREFIX);
    return buffer.readSlice(length);
  }

  /** The body of the next complete frame as a copy, or null while incomplete. */
  public byte[] nextMessage() {
    ByteBuf slice = nextSlice();
    if (slice == null) {
      return null;
    }
    byte[] message = new byte[slice.readableBytes()];
    slice.readBytes(message);
    return message;
  }

  /** Bytes held that do not yet form a frame. */
  public int buffered() {
    return buffer.readableBytes();
  }

  /**
   * Hands the held bytes over (caller owns them) and empties this codec: after the handshake,
   * the bytes that followed the last handshake frame go to {@link NoiseTransport#decrypt}.
   */
  public ByteBuf takeLeftover() {
    ByteBuf leftover = Unpooled.copiedBuffer(buffer);
    buffer.clear();
    return leftover;
  }
}
