package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseHandshakePayloadTest {

  private static final byte[] KEY = new byte[32];
  private static final byte[] SIG = new byte[64];

  static {
    Arrays.fill(KEY, (byte) 0x11);
    Arrays.fill(SIG, (byte) 0x22);
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  @Test
  void encodesByteExactWithoutExtensions() {
    byte[] encoded = new NoiseHandshakePayload(NoiseIdentity.encodePublicKey(KEY), SIG, List.of(),
        List.of()).encode();
    assertEquals(104, encoded.length);
    assertArrayEquals(hex("0a24080112" + "20"), Arrays.copyOf(encoded, 6));
    assertEquals(0x12, encoded[38]);
    assertEquals(0x40, encoded[39]);
  }

  @Test
  void encodesExtensionsAfterTheSignature() throws NoiseException {
    NoiseHandshakePayload payload = new NoiseHandshakePayload(NoiseIdentity.encodePublicKey(KEY), SIG,
        List.of(hex("1220aa")), List.of("/yamux/1.0.0"));
    byte[] encoded = payload.encode();
    // 22 len { 0a 03 1220aa  12 0c "/yamux/1.0.0" }
    byte[] tail = Arrays.copyOfRange(encoded, 104, encoded.length);
    assertArrayEquals(hex("2213" + "0a031220aa" + "120c2f79616d75782f312e302e30"), tail);
    assertEquals(payload, NoiseHandshakePayload.decode(encoded));
  }

  @Test
  void skipsUnknownFieldsOfEveryWireType() throws NoiseException {
    byte[] known = new NoiseHandshakePayload(NoiseIdentity.encodePublicKey(KEY), SIG, List.of(),
        List.of("/yamux/1.0.0")).encode();
    // field 3 varint, field 5 fixed64, field 6 fixed32, field 7 bytes, then the known fields
    byte[] unknown = hex("18ff01" + "290102030405060708" + "3501020304" + "3a03616263");
    byte[] input = new byte[unknown.length + known.length];
    System.arraycopy(unknown, 0, input, 0, unknown.length);
    System.arraycopy(known, 0, input, unknown.length, known.length);
    NoiseHandshakePayload decoded = NoiseHandshakePayload.decode(input);
    assertEquals(List.of("/yamux/1.0.0"), decoded.streamMuxers());
    assertArrayEquals(SIG, decoded.identitySig());
  }

  @Test
  void rejectsMalformedInput() {
    assertRejected("0a", "truncated protobuf varint");
    assertRejected("0a05010203", "identity_key runs past the end of its message");
    assertRejected("0801", "payload field 1 has wire type 0, expected 2");
    assertRejected("0b", "unsupported protobuf wire type 3");
    assertRejected("00", "bad protobuf field number 0");
    assertRejected("0affffffffffffffffff01", "identity_key runs past the end of its message");
    assertRejected("0affffffffffffffffff7f", "protobuf varint overflows 64 bits");
    assertRejected("2203120180", "stream_muxers entry is not valid UTF-8");
    assertRejected("29010203", "truncated protobuf field");
  }

  @Test
  void boundsListsAndLengths() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      many.append("1201").append("61");
    }
    String body = many.toString();
    assertRejected("22" + Integer.toHexString(body.length() / 2) + body, "too many stream_muxers (limit 32)");
    byte[] longKey = new byte[3 + 1025];
    longKey[0] = 0x0a;
    longKey[1] = (byte) 0x81;
    longKey[2] = 0x08;
    NoiseException e = assertThrows(NoiseException.class, () -> NoiseHandshakePayload.decode(longKey));
    assertEquals("noise: identity_key too long: 1025 bytes, limit 1024", e.getMessage());
  }

  @Test
  void identityKeyMustBeEd25519() {
    assertKeyRejected("080012020102", "unsupported identity key type 0, only Ed25519 (1) is accepted");
    assertKeyRejected("12020102", "identity key has no type");
    assertKeyRejected("0801120401020304", "an Ed25519 identity key has 32 bytes, got 4");
    assertKeyRejected("", "payload has no identity key");
  }

  @Test
  void emptyInputDecodesToEmptyFields() throws NoiseException {
    NoiseHandshakePayload empty = NoiseHandshakePayload.decode(new byte[0]);
    assertEquals(0, empty.identityKey().length);
    assertTrue(empty.streamMuxers().isEmpty());
  }

  private static void assertRejected(String hexInput, String message) {
    NoiseException e = assertThrows(NoiseException.class, () -> NoiseHandshakePayload.decode(hex(hexInput)));
    assertEquals("noise: " + message, e.getMessage());
  }

  private static void assertKeyRejected(String hexInput, String message) {
    NoiseException e = assertThrows(NoiseException.class,
        () -> NoiseIdentity.decodeEd25519PublicKey(hex(hexInput)));
    assertEquals("noise: " + message, e.getMessage());
  }
}
