package dev.axnode.keystore;

import dev.axnode.kernel.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeystoreCodecTest {

  /** Cheap scrypt, so that every-byte tests stay fast; the format is the same. */
  private static final ScryptParams CHEAP = ScryptParams.withLog2N(4);
  private static final byte[] SEED = Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final byte[] SECRET = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

  private final SecureRandom random = new SecureRandom();

  @Test
  void roundTrip() throws Exception {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    assertArrayEquals(SEED, KeystoreCodec.open(file, SECRET));
  }

  @Test
  void layoutMatchesTheDiagram() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, new ScryptParams(5, 3, 2), random);

    assertEquals(86, file.length);
    assertEquals(38, KeystoreHeader.LENGTH);
    assertArrayEquals("AXKS".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(file, 4));
    assertEquals(1, file[4], "version");
    assertEquals(1, file[5], "kdf: scrypt");
    assertEquals(5, file[6], "log2(N)");
    assertEquals(3, file[7], "r");
    assertEquals(2, file[8], "p");
    assertEquals(1, file[25], "aead: AES-256-GCM");
  }

  @Test
  void headerEncodesByteExactly() throws Exception {
    byte[] salt = Hex.decode("000102030405060708090a0b0c0d0e0f");
    byte[] nonce = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaab");
    KeystoreHeader header = new KeystoreHeader(ScryptParams.DEFAULT, salt, nonce);

    byte[] expected = Hex.decode("41584b53 01 01 11 08 01 000102030405060708090a0b0c0d0e0f"
        + "01 a0a1a2a3a4a5a6a7a8a9aaab");
    assertArrayEquals(expected, header.encode());
    assertEquals(header, KeystoreHeader.parse(Arrays.copyOf(expected, KeystoreCodec.FILE_LENGTH)));
  }

  @Test
  void eachSealUsesAFreshSaltAndNonce() {
    byte[] first = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    byte[] second = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    assertFalse(Arrays.equals(Arrays.copyOfRange(first, 9, 25), Arrays.copyOfRange(second, 9, 25)));
    assertFalse(Arrays.equals(Arrays.copyOfRange(first, 26, 38), Arrays.copyOfRange(second, 26, 38)));
  }

  @Test
  void everyTruncationIsDetected() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    for (int length = 0; length < file.length; length++) {
      byte[] truncated = Arrays.copyOf(file, length);
      KeystoreFormatException e = assertThrows(KeystoreFormatException.class,
          () -> KeystoreCodec.open(truncated, SECRET), "length " + length);
      assertEquals(ErrorCode.IO, e.code());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void trailingBytesAreDetected() {
    byte[] file = Arrays.copyOf(KeystoreCodec.seal(SEED, SECRET, CHEAP, random), KeystoreCodec.FILE_LENGTH + 1);
    KeystoreFormatException e = assertThrows(KeystoreFormatException.class, () -> KeystoreCodec.open(file, SECRET));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
  }

  @Test
  void everyFlippedByteIsDetected() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    for (int position = 0; position < file.length; position++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] tampered = file.clone();
        tampered[position] ^= (byte) mask;
        assertThrows(KeystoreFormatException.class, () -> KeystoreCodec.open(tampered, SECRET),
            "byte " + position + " xor " + mask);
      }
    }
  }

  @Test
  void wrongSecretCannotUnlock() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    KeystoreFormatException e = assertThrows(KeystoreFormatException.class,
        () -> KeystoreCodec.open(file, "Correct horse battery staple".getBytes(StandardCharsets.UTF_8)));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertEquals("wrong passphrase or secret, or the file was tampered with", e.getMessage());
  }

  @Test
  void absurdScryptParametersAreRejectedBeforeDerivingAnything() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    int[][] absurd = {
        {30, 8, 1}, {21, 1, 1}, {20, 8, 1}, {0, 8, 1}, {15, 255, 1}, {15, 8, 255}, {15, 0, 1}, {15, 8, 0}};
    for (int[] params : absurd) {
      byte[] tampered = file.clone();
      tampered[6] = (byte) params[0];
      tampered[7] = (byte) params[1];
      tampered[8] = (byte) params[2];
      KeystoreFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(1),
          () -> assertThrows(KeystoreFormatException.class, () -> KeystoreCodec.open(tampered, SECRET)));
      assertEquals(ErrorCode.IO, e.code());
      assertTrue(e.getMessage().startsWith("scrypt"), e.getMessage());
    }
  }

  @Test
  void foreignFilesAreNamedAsSuch() {
    byte[] file = KeystoreCodec.seal(SEED, SECRET, CHEAP, random);
    assertDamaged(with(file, 0, 'B'), "not an ax keystore");
    assertDamaged(with(file, 4, 2), "unsupported keystore version 2");
    assertDamaged(with(file, 5, 2), "unknown key derivation function 2");
    assertDamaged(with(file, 25, 2), "unknown cipher 2");
  }

  @Test
  void defaultParametersAreAcceptable() {
    assertEquals(null, ScryptParams.DEFAULT.problem());
    assertEquals(128L << 20, ScryptParams.DEFAULT.memoryBytes());
  }

  private static byte[] with(byte[] file, int position, int value) {
    byte[] copy = file.clone();
    copy[position] = (byte) value;
    return copy;
  }

  private static void assertDamaged(byte[] file, String expected) {
    KeystoreFormatException e = assertThrows(KeystoreFormatException.class, () -> KeystoreCodec.open(file, SECRET));
    assertEquals(ErrorCode.IO, e.code());
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
