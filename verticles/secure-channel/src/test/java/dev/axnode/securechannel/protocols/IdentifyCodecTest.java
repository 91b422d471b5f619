package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyCodecTest {

  private static final HexFormat HEX = HexFormat.of();
  static final byte[] KEY = HEX.parseHex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
  static final NodeId NODE = NodeId.ofPublicKey(KEY);
  private static final String ADDR = "047f000001060fa1";

  /** The hand-built message, field by field. */
  static final String WIRE = ""
      + "0a24" + "08011220" + HEX.formatHex(KEY)
      + "1208" + ADDR
      + "1a0e" + hex("/ipfs/id/1.0.0")
      + "1a10" + hex("/ipfs/ping/1.0.0")
      + "2208" + ADDR
      + "2a0a" + hex("ipfs/0.1.0")
      + "320c" + hex("ax-node/test");

  static IdentifyMessage handBuilt() {
    return new IdentifyMessage(HEX.parseHex("08011220" + HEX.formatHex(KEY)),
        List.of(HEX.parseHex(ADDR)), List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"),
        HEX.parseHex(ADDR), "ipfs/0.1.0", "ax-node/test");
  }

  @Test
  void encodesByteExactly() {
    assertEquals(WIRE, HEX.formatHex(IdentifyCodec.encode(handBuilt())));
  }

  @Test
  void decodesByteExactly() {
    IdentifyMessage m = IdentifyCodec.decode(HEX.parseHex(WIRE));
    assertEquals(handBuilt(), m);
    assertEquals(NODE, m.nodeId().orElseThrow());
    assertEquals(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001")), m.parsedListenAddrs());
    assertEquals(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), m.parsedObservedAddr().orElseThrow());
  }

  @Test
  void ofBuildsOurMessageFromKernelTypes() {
    Multiaddr addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    IdentifyMessage m = IdentifyMessage.of(NODE, List.of(addr), List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"), addr);
    assertArrayEquals(handBuilt().publicKey(), m.publicKey());
    assertEquals(ADDR, HEX.formatHex(m.listenAddrs().get(0)));
    assertEquals("ipfs/0.1.0", m.protocolVersion());
    assertTrue(m.agentVersion().startsWith("ax-node/"), m.agentVersion());
  }

  @Test
  void framedIsUvarintLengthThenMessage() {
    ByteBuf framed = IdentifyCodec.encodeFramed(handBuilt());
    byte[] bytes = new byte[framed.readableBytes()];
    framed.readBytes(bytes);
    framed.release();
    int length = WIRE.length() / 2;
    assertEquals(HEX.formatHex(new byte[] {(byte) length}) + WIRE, HEX.formatHex(bytes));
    assertEquals(handBuilt(), IdentifyCodec.decodeStream(bytes));
  }

  @Test
  void emptyMessageHasNoFields() {
    IdentifyMessage m = IdentifyCodec.decode(new byte[0]);
    assertNull(m.publicKey());
    assertEquals(List.of(), m.protocols());
    assertTrue(m.nodeId().isEmpty());
    assertEquals(0, IdentifyCodec.encode(m).length);
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() {
    String extra = "4203010203"          // 8 signedPeerRecord, bytes
        + "489601"                       // 9, varint 150
        + "51" + "0011223344556677"      // 10, fixed64
        + "5d" + "00112233";             // 11, fixed32
    assertEquals(handBuilt(), IdentifyCodec.decode(HEX.parseHex(extra + WIRE + extra)));
  }

  @Test
  void twoFramedMessagesMergeAsProtobufDoes() {
    String first = "0a24" + "08011220" + HEX.formatHex(KEY) + "1a0e" + hex("/ipfs/id/1.0.0") + "320161";
    String second = "1a10" + hex("/ipfs/ping/1.0.0") + "320162" + "4203010203";
    byte[] stream = HEX.parseHex(String.format("%02x", first.length() / 2) + first
        + String.format("%02x", second.length() / 2) + second);
    IdentifyMessage m = IdentifyCodec.decodeStream(stream);
    assertEquals(List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"), m.protocols());
    assertEquals("b", m.agentVersion());
    assertEquals(NODE, m.nodeId().orElseThrow());
  }

  @Test
  void malformedInputFailsWithAClearMessage() {
    assertFails("1a05616263", "protocols: length 5 exceeds the 3 bytes left");
    assertFails("1a", "truncated varint in protocols");
    assertFails("0801", "field 1 has wire type 0, expected 2");
    assertFails("4b", "unsupported protobuf wire type 3 in field 9");
    assertFails("00", "protobuf field number 0");
    assertFails("1a01ff", "protocols is not valid UTF-8");
    assertFails("ffffffffffffffffffff01", "varint overflows 64 bits in field tag");
    assertFails("51001122", "truncated field 10");
  }

  @Test
  void sizeBoundsHoldBothWays() {
    IdentifyMessage big = new IdentifyMessage(null, List.of(), List.of("/p/" + "x".repeat(IdentifyCodec.MAX_MESSAGE_SIZE)),
        null, null, null);
    IdentifyException e = assertThrows(IdentifyException.class, () -> IdentifyCodec.encode(big));
    assertTrue(e.getMessage().startsWith("identify: message of "), e.getMessage());
    assertThrows(IdentifyException.class, () -> IdentifyCodec.decode(new byte[IdentifyCodec.MAX_MESSAGE_SIZE + 1]));
    // A length prefix of 8193 is refused before anything is read or allocated.
    IdentifyException prefix = assertThrows(IdentifyException.class,
        () -> IdentifyCodec.decodeStream(HEX.parseHex("8140")));
    assertEquals("identify: message length 8193 exceeds 8192", prefix.getMessage());
    assertThrows(IdentifyException.class, () -> IdentifyCodec.decodeStream(HEX.parseHex("0500")));
    assertThrows(IdentifyException.class, () -> IdentifyCodec.decodeStream(new byte[0]));
    assertThrows(IdentifyException.class, () -> IdentifyCodec.decodeStream(HEX.parseHex("000000")));
  }

  @Test
  void valueSemanticsDespiteArrays() {
    IdentifyMessage a = handBuilt();
    byte[] key = a.publicKey();
    key[0] = 0x7f;
    assertEquals(handBuilt(), a);
    assertEquals(handBuilt().hashCode(), a.hashCode());
    assertTrue(a.toString().contains("/ipfs/ping/1.0.0"));
  }

  private static void assertFails(String hex, String message) {
    IdentifyException e = assertThrows(IdentifyException.class, () -> IdentifyCodec.decode(HEX.parseHex(hex)));
    assertEquals("identify: " + message, e.getMessage());
  }

  private static String hex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
