package dev.axnode.kernel.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base58Test {

  @Test
  void knownVectors() {
    // draft-msporny-base58 examples
    assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("11233QC4", Base58.encode(new byte[] {0, 0, 0x28, 0x7f, (byte) 0xb4, (byte) 0xcd}));
    assertEquals("", Base58.encode(new byte[0]));
  }

  @Test
  void roundTripsRandomBytesWithLeadingZeros() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[random.nextInt(50)];
      random.nextBytes(bytes);
      if (bytes.length > 2 && i % 3 == 0) {
        bytes[0] = 0;
        bytes[1] = 0;
      }
      assertArrayEquals(bytes, Base58.decode(Base58.encode(bytes)));
    }
  }

  @Test
  void rejectsCharactersOutsideTheAlphabet() {
    assertThrows(IllegalArgumentException.class, () -> Base58.decode("0OIl"));
    assertThrows(IllegalArgumentException.class, () -> Base58.decode("abc\u00e9"));
  }
}
