package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One multistream-select 1.0 message: a protocol ID, {@code na}, {@code ls} or the header.
 *
 * <pre>
 *   +-----------------+---------------------------+------+
 *   | uvarint(len)    | UTF-8 text                | '\n' |
 *   +-----------------+---------------------------+------+
 *                     |&lt;------------- len ------------->|
 *   len counts the newline; len &lt;= 1024 (js-libp2p's limit)
 *   na = 03 6e 61 0a      header = 13 "/multistream/1.0.0" 0a
 * </pre>
 *
 * <p>Spec: https://github.com/multiformats/multistream-select and
 * https://github.com/libp2p/specs/blob/master/connections/README.md
 *
 * @param text the message without its newline
 */
public record MultistreamMessage(String text) {

  /** The largest {@code len} accepted or produced, newline included. */
  public static final int MAX_LENGTH = 1024;

  public static final MultistreamMessage HEADER = new MultistreamMessage("/multistream/1.0.0");
  public static final MultistreamMessage NA = new MultistreamMessage("na");
  public static final MultistreamMessage LS = new MultistreamMessage("ls");

  /** @throws IllegalArgumentException if the encoded message would exceed {@link #MAX_LENGTH} */
  public MultistreamMessage {
    Objects.requireNonNull(text, "text");
    if (text.getBytes(StandardCharsets.UTF_8).length + 1 > MAX_LENGTH) {
      throw new IllegalArgumentException("a multistream message has at most " + (MAX_LENGTH - 1)
          + " bytes of text");
    }
  }

  /**
   * Equal texts. Written out because a record's generated equals is linked through method
   * handles on its first call, which a short-lived client (ax) paid on every handshake.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof MultistreamMessage message && text.equals(message.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Appends {@code uvarint(len) ‖ text ‖ '\n'} to {@code out}. */
  public void encodeTo(ByteBuf out) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Uvarint.write(out, utf8.length + 1);
    out.writeBytes(utf8);
    out.writeByte('\n');
  }

  /** The encoded bytes. */
  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer(MAX_LENGTH + 2);
    encodeTo(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /**
   * Decodes one message from the reader index of {@code in}. When the message is not complete
   * yet, returns null and leaves {@code in} untouched; otherwise consumes exactly the message.
   *
   * @throws MultistreamException on a bad prefix, a length over {@link #MAX_LENGTH}, a missing
   *     newline or text that is not UTF-8; {@code in} is then left untouched
   */
  public static MultistreamMessage decode(ByteBuf in) throws MultistreamException {
    int length = Uvarint.peek(in, MAX_LENGTH);
    if (length == Uvarint.INCOMPLETE) {
      return null;
    }
    if (length == 0) {
      throw new MultistreamException("empty message: no newline");
    }
    int prefix = Uvarint.size(length);
    if (in.readableBytes() < prefix + length) {
      return null;
    }
    int textStart = in.readerIndex() + prefix;
    if (in.getByte(textStart + length - 1) != '\n') {
      throw new MultistreamException("message does not end with a newline");
    }
    String text = strictUtf8(in, textStart, length - 1);
    in.skipBytes(prefix + length);
    return new MultistreamMessage(text);
  }

  private static String strictUtf8(ByteBuf in, int index, int length) throws MultistreamException {
    // String(bytes, UTF_8) would replace bad sequences silently; a protocol ID must match exactly
    ByteBuffer bytes = ByteBuffer.allocate(length);
    in.getBytes(index, bytes);
    bytes.flip();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new MultistreamException("message is not valid UTF-8");
    }
  }

  /** The text for error messages and logs: quoted, control characters escaped, cut at 64. */
  public String describe() {
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(text.length(), 64);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > limit) {
      out.append('…');
    }
    return out.append('\'').toString();
  }
}
