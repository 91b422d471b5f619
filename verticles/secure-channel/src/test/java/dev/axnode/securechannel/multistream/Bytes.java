package dev.axnode.securechannel.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Hex helpers for byte-exact assertions. */
final class Bytes {

  private Bytes() {
  }

  static ByteBuf buf(String hex) {
    return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
  }

  static String hex(ByteBuf buf) {
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String msg(String text) {
    return hex(new MultistreamMessage(text).toBytes());
  }

  static ByteBuf concat(String... hexParts) {
    return buf(String.join("", hexParts));
  }
}
