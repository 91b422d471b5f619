package dev.axnode.kernel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The purposes the keystore signs for, and the sign request's wire form. */
class SignRequestTest {

  @Test
  void noiseStaticKeySignsThePrefixAndTheKey() {
    byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] expected = new byte[24 + 32];
    System.arraycopy("noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 24);
    System.arraycopy(key, 0, expected, 24, 32);
    assertArrayEquals(expected, SignPurpose.NOISE_STATIC_KEY.signedMessage(key));
  }

  @Test
  void anInputOfTheWrongLengthOrNoneIsRefused() {
    for (byte[] input : new byte[][] {null, new byte[0], new byte[31], new byte[33], new byte[56]}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SignPurpose.NOISE_STATIC_KEY.signedMessage(input));
      assertEquals(true, e.getMessage().contains("NOISE_STATIC_KEY"), e.getMessage());
    }
  }

  @Test
  void wireRoundTrip() {
    byte[] key = new byte[32];
    key[31] = 7;
    SignRequest decoded = roundTrip(SignRequest.noiseStaticKey(key));
    assertSame(SignPurpose.NOISE_STATIC_KEY, decoded.purpose());
    assertArrayEquals(key, decoded.input());
  }

  @Test
  void anUnknownPurposeDecodesAsNoneForTheKeystoreToRefuse() {
    SignRequest.Codec codec = new SignRequest.Codec();
    Buffer json = new JsonObject().put("purpose", "ANYTHING").put("input", new byte[32]).toBuffer();
    SignRequest decoded = codec.decodeFromWire(0, Buffer.buffer().appendInt(json.length()).appendBuffer(json));
    assertNull(decoded.purpose());
    assertNull(roundTrip(new SignRequest(null, null)).purpose());
  }

  private static SignRequest roundTrip(SignRequest request) {
    SignRequest.Codec codec = new SignRequest.Codec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, request);
    return codec.decodeFromWire(0, wire);
  }
}
