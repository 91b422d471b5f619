package dev.axnode.keystore;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PayloadCipherTest {

  private final SecureRandom random = new SecureRandom();
  private final byte[] key = bytes(32);

  @Test
  void aBatchSealsEachPayloadUnderItsOwnNonceAndAssociatedData() {
    PayloadCipher cipher = new PayloadCipher(random);
    List<byte[]> aads = IntStream.range(0, 200).mapToObj(i -> ("header " + i).getBytes(StandardCharsets.UTF_8)).toList();
    List<byte[]> plaintexts = IntStream.range(0, 200).mapToObj(i -> ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8))
        .toList();

    List<byte[]> sealed = cipher.sealAll(key, aads, plaintexts);

    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < sealed.size(); i++) {
      byte[] one = sealed.get(i);
      assertEquals(PayloadCipher.NONCE + plaintexts.get(i).length + PayloadCipher.TAG, one.length);
      nonces.add(Arrays.toString(Arrays.copyOf(one, PayloadCipher.NONCE)));
      // a fresh cipher opens it: the batch form is the single form, payload by payload
      assertArrayEquals(plaintexts.get(i), new PayloadCipher(random).open(key, aads.get(i), one));
    }
    assertEquals(sealed.size(), nonces.size(), "every payload has its own nonce");
  }

  @Test
  void aSealedPayloadOpensOnlyWithItsKeyAndHeaderAndUnchanged() {
    PayloadCipher cipher = new PayloadCipher(random);
    byte[] aad = "stream 7".getBytes(StandardCharsets.UTF_8);
    byte[] plaintext = "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = cipher.sealAll(key, List.of(aad), List.of(plaintext)).get(0);

    assertArrayEquals(plaintext, cipher.open(key, aad, sealed));
    assertNull(cipher.open(bytes(32), aad, sealed), "another key");
    assertNull(cipher.open(key, "stream 8".getBytes(StandardCharsets.UTF_8), sealed), "moved to another position");
    byte[] changed = sealed.clone();
    changed[PayloadCipher.NONCE] ^= 1;
    assertNull(cipher.open(key, aad, changed), "a flipped bit");
    assertNull(cipher.open(key, aad, Arrays.copyOf(sealed, PayloadCipher.NONCE + PayloadCipher.TAG - 1)), "too short");
  }

  private byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
