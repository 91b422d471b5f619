package dev.axnode.psk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * Published vectors from the NaCl / libsodium test suite (test/default/core1.c, core2,
 * stream.c, stream3.c, secretbox_easy.c and their .exp files).
 */
class XSalsa20VectorsTest {

  private static final HexFormat HEX = HexFormat.of();
  static final byte[] FIRSTKEY = HEX.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
  static final byte[] NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");

  @Test
  void hsalsa20Core1() {
    byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    assertArrayEquals(FIRSTKEY, Salsa20Core.hsalsa20(shared, new byte[16], 0));
  }

  @Test
  void hsalsa20Core2() {
    assertEquals("dc908dda0b9344a953629b733820778880f3ceb421bb61b91cbd4c3e66256ce4",
        HEX.formatHex(Salsa20Core.hsalsa20(FIRSTKEY, NONCE, 0)));
  }

  @Test
  void stream3First32Bytes() {
    byte[] out = new byte[32];
    new XSalsa20(FIRSTKEY, NONCE).xor(out, 0, out, 0, out.length);
    assertEquals("eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880", HEX.formatHex(out));
  }

  @Test
  void streamFourMebibytesSha256() throws Exception {
    byte[] out = new byte[4194304];
    new XSalsa20(FIRSTKEY, NONCE).xor(out, 0, out, 0, out.length);
    assertEquals("662b9d0e3463029156069b12f918691a98f7dfb2ca0393c96bbfc6b1fbd630a2",
        HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(out)));
  }

  /** secretbox: the first 32 keystream bytes key Poly1305, the message uses the rest. */
  @Test
  void secretboxCiphertext() {
    byte[] m = HEX.parseHex("be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
        + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
        + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
        + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
        + "5e0705");
    String expected = "8e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186a"
        + "c0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738"
        + "b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da"
        + "99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74"
        + "e355a5";
    XSalsa20 cipher = new XSalsa20(FIRSTKEY, NONCE);
    cipher.xor(new byte[32], 0, new byte[32], 0, 32);
    byte[] c = new byte[m.length];
    cipher.xor(m, 0, c, 0, m.length);
    assertEquals(expected, HEX.formatHex(c));
  }

  @Test
  void rejectsWrongLengths() {
    assertThrows(IllegalArgumentException.class, () -> new XSalsa20(new byte[31], new byte[24]));
    assertThrows(IllegalArgumentException.class, () -> new XSalsa20(new byte[32], new byte[8]));
    assertThrows(NullPointerException.class, () -> new XSalsa20(null, new byte[24]));
  }

  @Test
  void toStringHidesKey() {
    String text = new XSalsa20(FIRSTKEY, NONCE).toString();
    assertFalse(text.contains("1b27"));
  }
}
