package dev.axnode.securechannel.multistream;

import static dev.axnode.securechannel.multistream.Bytes.buf;
import static dev.axnode.securechannel.multistream.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultistreamMessageTest {

  private static final String HEADER_HEX = "132f6d756c746973747265616d2f312e302e300a";

  @Test
  void encodesByteExact() {
    assertEquals("036e610a", hex(MultistreamMessage.NA.toBytes()));
    assertEquals("036c730a", hex(MultistreamMessage.LS.toBytes()));
    assertEquals(HEADER_HEX, hex(MultistreamMessage.HEADER.toBytes()));
    assertEquals("072f6e6f6973650a", hex(new MultistreamMessage("/noise").toBytes()));
  }

  @Test
  void decodesByteExact() throws MultistreamException {
    assertEquals(MultistreamMessage.NA, MultistreamMessage.decode(buf("036e610a")));
    assertEquals(MultistreamMessage.HEADER, MultistreamMessage.decode(buf(HEADER_HEX)));
  }

  @Test
  void waitsForSplitReadsWithoutConsuming() throws MultistreamException {
    ByteBuf in = Unpooled.buffer();
    byte[] header = MultistreamMessage.HEADER.toBytes();
    for (int i = 0; i < header.length - 1; i++) {
      in.writeByte(header[i]);
      assertNull(MultistreamMessage.decode(in));
      assertEquals(0, in.readerIndex());
    }
    in.writeByte(header[header.length - 1]);
    assertEquals(MultistreamMessage.HEADER, MultistreamMessage.decode(in));
    assertEquals(0, in.readableBytes());
  }

  @Test
  void decodesSeveralMessagesAndLeavesTheRest() throws MultistreamException {
    ByteBuf in = buf(HEADER_HEX + "036e610a" + "072f6e6f6973650a" + "0020aabb");
    assertEquals(MultistreamMessage.HEADER, MultistreamMessage.decode(in));
    assertEquals(MultistreamMessage.NA, MultistreamMessage.decode(in));
    assertEquals("/noise", MultistreamMessage.decode(in).text());
    assertEquals("0020aabb", hex(in));
  }

  @Test
  void acceptsTheLimitAndRefusesOneMore() throws MultistreamException {
    String text = "/" + "a".repeat(1022);
    byte[] encoded = new MultistreamMessage(text).toBytes();
    assertEquals("8008", hex(encoded).substring(0, 4), "varint 1024");
    assertEquals(1026, encoded.length);
    assertEquals(text, MultistreamMessage.decode(Unpooled.wrappedBuffer(encoded)).text());
    assertThrows(IllegalArgumentException.class, () -> new MultistreamMessage(text + "a"));
    // 1025 is refused from the prefix alone, without waiting for the body
    assertRejected("8108", "message too long: length exceeds 1024 bytes");
    assertRejected("ffffffff0f", "message too long: length exceeds 1024 bytes");
  }

  @Test
  void refusesMalformedMessages() {
    assertRejected("00", "empty message: no newline");
    assertRejected("036e6161", "message does not end with a newline");
    assertRejected("03ff610a", "message is not valid UTF-8");
    assertRejected("8000", "bad varint: not minimally encoded");
    assertRejected("830000", "bad varint: not minimally encoded");
  }

  @Test
  void acceptsMultiByteUtf8() throws MultistreamException {
    MultistreamMessage message = new MultistreamMessage("/é/1");
    byte[] bytes = message.toBytes();
    assertEquals("/é/1".getBytes(StandardCharsets.UTF_8).length + 2, bytes.length);
    assertEquals(message, MultistreamMessage.decode(Unpooled.wrappedBuffer(bytes)));
  }

  @Test
  void describeEscapesAndTruncates() {
    assertEquals("'a\\x0ab'", new MultistreamMessage("a\nb").describe());
    assertEquals("'" + "x".repeat(64) + "…'", new MultistreamMessage("x".repeat(100)).describe());
  }

  private static void assertRejected(String hexInput, String message) {
    ByteBuf in = buf(hexInput);
    MultistreamException e = assertThrows(MultistreamException.class, () -> MultistreamMessage.decode(in));
    assertEquals("multistream: " + message, e.getMessage());
    assertEquals(0, in.readerIndex());
  }
}
