package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeystoreOptionsTest {

  @Test
  void defaults() {
    KeystoreOptions options =
        new KeystoreOptions(new JsonObject().put("dataDir", "/x/ax-data").put("name", "keystore"));
    assertEquals(Path.of("/x/ax-data/keystore"), options.keystoreFile());
    assertEquals(Path.of("/x/ax-data/keystore.secret"), options.secretFile());
    assertEquals("AX_KEYSTORE_PASSPHRASE", options.passphraseEnv());
    assertNull(options.passphraseFile());
    assertEquals(ScryptParams.DEFAULT, options.scrypt());
    assertEquals(17, options.scrypt().log2N(), "N = 2^17 for new keystores");
    assertEquals(128L << 20, options.scrypt().memoryBytes());
    assertEquals("AX_KEYSTORE_PASSPHRASE_FILE", options.passphraseFileEnv());
  }

  @Test
  void relativePathsBecomeAbsolute() {
    KeystoreOptions options =
        new KeystoreOptions(new JsonObject().put("dataDir", "ax-data").put("passphraseFile", "p"));
    assertTrue(options.keystoreFile().isAbsolute());
    assertTrue(options.passphraseFile().isAbsolute());
  }

  @Test
  void missingDataDirIsAMisconfiguration() {
    AxException e = assertThrows(AxException.class, () -> new KeystoreOptions(new JsonObject()));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertTrue(e.getMessage().contains("dataDir"), e.getMessage());
  }

  @Test
  void wrongTypesAndAbsurdCostsAreMisconfigurations() {
    for (JsonObject config : new JsonObject[] {
        new JsonObject().put("dataDir", " "),
        new JsonObject().put("dataDir", "/x").put("scryptLog2N", "15"),
        new JsonObject().put("dataDir", "/x").put("scryptLog2N", 21),
        new JsonObject().put("dataDir", "/x").put("scryptLog2N", 0)}) {
      AxException e = assertThrows(AxException.class, () -> new KeystoreOptions(config), config.encode());
      assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    }
  }
}
