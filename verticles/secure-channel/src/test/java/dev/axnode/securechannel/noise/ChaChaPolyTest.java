package dev.axnode.securechannel.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** RFC 8439 through the AEAD primitive CipherState uses, and CipherState's nonce layout. */
class ChaChaPolyTest {

  private static final byte[] KEY = HexFormat.of().parseHex(
      "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  private static final byte[] NONCE = HexFormat.of().parseHex("070000004041424344454647");
  private static final byte[] AAD = HexFormat.of().parseHex("50515253c0c1c2c3c4c5c6c7");
  private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer"
      + " you only one tip for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
  /** RFC 8439 section 2.8.2: ciphertext, then the tag 1ae10b594f09e26a7e902ecbd0600691. */
  private static final byte[] SEALED = HexFormat.of().parseHex(
      "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
      + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
      + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
      + "3ff4def08e4b7a9de576d26586cec64b6116"
      + "1ae10b594f09e26a7e902ecbd0600691");

  private final SecretKeySpec key = new SecretKeySpec(KEY, "ChaCha20");

  @Test
  void rfc8439Section282Seal() {
    assertArrayEquals(SEALED, new ChaChaPoly().seal(key, NONCE, AAD, PLAINTEXT));
  }

  @Test
  void rfc8439Section282Open() throws NoiseException {
    assertArrayEquals(PLAINTEXT, new ChaChaPoly().open(key, NONCE, AAD, SEALED));
  }

  @Test
  void tamperedTagIsRejected() {
    byte[] tampered = SEALED.clone();
    tampered[tampered.length - 1] ^= 1;
    NoiseException e = assertThrows(NoiseException.class,
        () -> new ChaChaPoly().open(key, NONCE, AAD, tampered));
    assertEquals("noise: decryption failed: wrong key or tampered message", e.getMessage());
  }

  @Test
  void tooShortForATagIsRejected() {
    assertThrows(NoiseException.class, () -> new ChaChaPoly().open(key, NONCE, AAD, new byte[15]));
  }

  /** Noise nonce: 4 zero bytes, then the counter as 8 bytes little-endian. */
  @Test
  void cipherStateNonceLayout() throws NoiseException {
    CipherState state = new CipherState(KEY);
    state.setNonce(0x0102030405060708L);
    byte[] nonce = HexFormat.of().parseHex("000000000807060504030201");
    assertArrayEquals(new ChaChaPoly().seal(key, nonce, AAD, PLAINTEXT), state.encryptWithAd(AAD, PLAINTEXT));
    assertEquals(0x0102030405060709L, state.nonce());
  }

  @Test
  void cipherStateCountsFromZero() throws NoiseException {
    CipherState sender = new CipherState(KEY);
    CipherState receiver = new CipherState(KEY);
    for (int i = 0; i < 3; i++) {
      byte[] nonce = new byte[12];
      nonce[4] = (byte) i;
      byte[] sealed = sender.encryptWithAd(new byte[0], PLAINTEXT);
      assertArrayEquals(new ChaChaPoly().seal(key, nonce, new byte[0], PLAINTEXT), sealed);
      assertArrayEquals(PLAINTEXT, receiver.decryptWithAd(new byte[0], sealed));
    }
  }

  @Test
  void failedDecryptionLeavesTheNonce() throws NoiseException {
    CipherState sender = new CipherState(KEY);
    CipherState receiver = new CipherState(KEY);
    byte[] sealed = sender.encryptWithAd(new byte[0], PLAINTEXT);
    byte[] tampered = sealed.clone();
    tampered[0] ^= 1;
    assertThrows(NoiseException.class, () -> receiver.decryptWithAd(new byte[0], tampered));
    assertEquals(0, receiver.nonce());
    assertArrayEquals(PLAINTEXT, receiver.decryptWithAd(new byte[0], sealed));
  }

  @Test
  void reservedNonceIsRefused() {
    CipherState state = new CipherState(KEY);
    state.setNonce(-1L);
    assertThrows(NoiseException.class, () -> state.encryptWithAd(new byte[0], PLAINTEXT));
  }

  @Test
  void emptyKeyPassesThrough() throws NoiseException {
    CipherState state = new CipherState();
    assertArrayEquals(PLAINTEXT, state.encryptWithAd(AAD, PLAINTEXT));
    assertArrayEquals(PLAINTEXT, state.decryptWithAd(AAD, Arrays.copyOf(PLAINTEXT, PLAINTEXT.length)));
  }
}
