package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Accumulates the bytes of one negotiation across reads and splits them into messages. Only
 * an incomplete message (at most {@link MultistreamMessage#MAX_LENGTH} + 2 bytes) is carried
 * over between reads, plus whatever a single read brought.
 */
final class MessageReader {

  private ByteBuf buffer = Unpooled.buffer(64);

  /** Copies the readable bytes of {@code in}, consuming them; {@code in} stays the caller's. */
  void append(ByteBuf in) {
    buffer.discardReadBytes();
    buffer.writeBytes(in);
  }

  /** The next complete message, or null when more bytes are needed. */
  MultistreamMessage next() throws MultistreamException {
    return MultistreamMessage.decode(buffer);
  }

  /** Hands the unread bytes over (the caller owns them) and empties this reader. */
  ByteBuf takeLeftover() {
    ByteBuf leftover = Unpooled.copiedBuffer(buffer);
    discard();
    return leftover;
  }

  void discard() {
    buffer.release();
    buffer = Unpooled.EMPTY_BUFFER;
  }
}
