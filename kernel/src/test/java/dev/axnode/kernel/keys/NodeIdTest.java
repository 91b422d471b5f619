package dev.axnode.kernel.keys;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeIdTest {

  /** The Ed25519 vector of the libp2p peer-ids spec: public key and its peer ID. */
  private static final byte[] SPEC_KEY =
      HexFormat.of().parseHex("1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e");
  private static final String SPEC_PEER_ID = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

  @Test
  void specVectorEncodes() {
    assertEquals(SPEC_PEER_ID, NodeId.ofPublicKey(SPEC_KEY).toString());
  }

  @Test
  void specVectorParses() {
    assertArrayEquals(SPEC_KEY, NodeId.parse(SPEC_PEER_ID).publicKey());
  }

  @Test
  void identityMultihashBytes() {
    byte[] bytes = NodeId.ofPublicKey(SPEC_KEY).toBytes();
    assertEquals(38, bytes.length);
    assertArrayEquals(HexFormat.of().parseHex("002408011220"), java.util.Arrays.copyOf(bytes, 6));
  }

  @Test
  void cidV1FormParses() {
    // multibase 'b' + base32(0x01 0x72 ‖ identity multihash), as `ipfs cid format -v 1 -b base32` prints it
    byte[] cid = new byte[40];
    cid[0] = 0x01;
    cid[1] = 0x72;
    System.arraycopy(NodeId.ofPublicKey(SPEC_KEY).toBytes(), 0, cid, 2, 38);
    String text = "b" + base32(cid);
    assertEquals(NodeId.ofPublicKey(SPEC_KEY), NodeId.parse(text));
  }

  @Test
  void keyTextIsZeroAndBase64() {
    String text = NodeId.ofPublicKey(SPEC_KEY).toKeyText();
    assertEquals(45, text.length());
    assertTrue(text.startsWith("0"));
    assertTrue(text.endsWith("="));
  }

  @Test
  void rejectsGarbage() {
    assertThrows(IllegalArgumentException.class, () -> NodeId.parse("12D3KooW0OIl"));
    assertThrows(IllegalArgumentException.class, () -> NodeId.parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"));
    assertThrows(IllegalArgumentException.class, () -> NodeId.ofPublicKey(new byte[31]));
  }

  @Test
  void equalityByKey() {
    byte[] other = SPEC_KEY.clone();
    other[0] ^= 1;
    assertEquals(NodeId.ofPublicKey(SPEC_KEY), NodeId.parse(SPEC_PEER_ID));
    assertNotEquals(NodeId.ofPublicKey(SPEC_KEY), NodeId.ofPublicKey(other));
    assertTrue(NodeId.ofPublicKey(SPEC_KEY).shortForm().startsWith("12D3KooW…"));
  }

  private static String base32(byte[] data) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
