package dev.axnode.kernel.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwarmKeyTest {

  private static final String FILE =
      "/key/swarm/psk/1.0.0/\n/base16/\n0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void parsesKeyFileTextWithCrLfAndTrailingNewline() {
    SwarmKey key = SwarmKey.parse(FILE);
    assertEquals(key, SwarmKey.parse(FILE.replace("\n", "\r\n") + "\r\n"));
    assertEquals(FILE, key.toKeyFile());
  }

  @Test
  void parsesAKeyFileWhoseNewlinesWereFolded() {
    assertEquals(SwarmKey.parse(FILE), SwarmKey.parse(FILE.replace("\n", " ")));
  }

  @Test
  void settingValueIsBase64OfTheFile() {
    SwarmKey key = SwarmKey.generate(new SecureRandom());
    String value = key.toSettingValue();
    String file = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    assertTrue(file.startsWith("/key/swarm/psk/1.0.0/\n/base16/\n"));
    assertEquals(key, SwarmKey.parse(value));
  }

  @Test
  void parsesBase64Encoding() {
    SwarmKey key = SwarmKey.parse(FILE);
    String b64 = "/key/swarm/psk/1.0.0/\n/base64/\n" + Base64.getEncoder().encodeToString(key.bytes());
    assertEquals(key, SwarmKey.parse(b64));
  }

  @Test
  void rejectsBadKeys() {
    assertThrows(IllegalArgumentException.class, () -> SwarmKey.parse("not a key"));
    assertThrows(IllegalArgumentException.class, () -> SwarmKey.parse("/key/swarm/psk/1.0.0/\n/base16/\nabcd"));
    assertThrows(IllegalArgumentException.class, () -> SwarmKey.parse("/key/swarm/psk/1.0.0/\n/base99/\nabcd"));
    assertThrows(IllegalArgumentException.class, () -> SwarmKey.parse("/key/swarm/psk/1.0.0/\n/base16/\n" + "zz".repeat(32)));
  }

  @Test
  void neverPrintsTheKey() {
    SwarmKey key = SwarmKey.parse(FILE);
    assertFalse(key.toString().contains("0123"));
  }
}
