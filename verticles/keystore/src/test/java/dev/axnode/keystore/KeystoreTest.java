package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keystore on real files: creation, reopening, and every way of refusing a bad file. */
class KeystoreTest {

  private static final Function<String, String> NO_ENV = name -> null;

  @TempDir
  Path dataDir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void createsOnceThenReopensTheSameKey() {
    Keystore.Opened created = open(cheap(), NO_ENV);
    Keystore.Opened reopened = open(cheap(), NO_ENV);

    assertTrue(created.created());
    assertFalse(reopened.created());
    assertEquals(created.key().nodeId(), reopened.key().nodeId());
    assertEquals(dataDir.resolve("keystore"), created.file());
  }

  @Test
  void defaultCostRoundTrip() throws Exception {
    JsonObject config = new JsonObject().put("dataDir", dataDir.toString());
    Keystore.Opened created = open(config, NO_ENV);

    assertEquals(17, Files.readAllBytes(keystore())[6], "new keystores use scrypt N = 2^17");
    assertEquals(created.key().nodeId(), open(config, NO_ENV).key().nodeId());
  }

  @Test
  void keystoreAndSecretAreOwnerOnly() throws Exception {
    open(cheap(), NO_ENV);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile())));
    String secretText = Files.readString(secretFile()).strip();
    assertEquals(32, Base64.getDecoder().decode(secretText).length);
  }

  @Test
  void createsTheDataDirectory() {
    Path nested = dataDir.resolve("a/b");
    Keystore.Opened opened = open(new JsonObject().put("dataDir", nested.toString()).put("scryptLog2N", 4), NO_ENV);
    assertEquals(nested.resolve("keystore"), opened.file());
  }

  @Test
  void truncatedFilesAreRefusedByName() throws Exception {
    open(cheap(), NO_ENV);
    byte[] original = Files.readAllBytes(keystore());
    for (int length : new int[] {0, 3, 5, 37, 38, 60, 85}) {
      Files.write(keystore(), Arrays.copyOf(original, length));
      AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV), "length " + length);
      assertEquals(ErrorCode.IO, e.code());
      assertEquals("Cannot open keystore " + keystore() + ": truncated: " + length
          + " bytes, a version 1 keystore has 86", e.getMessage());
      assertEquals(length, Files.size(keystore()), "the file is left as it was");
    }
  }

  @Test
  void tamperedFilesAreRefusedByNameAndLeftAlone() throws Exception {
    open(cheap(), NO_ENV);
    byte[] original = Files.readAllBytes(keystore());
    for (int position : new int[] {0, 4, 6, 9, 24, 26, 37, 38, 69, 70, 85}) {
      byte[] tampered = original.clone();
      tampered[position] ^= 0x01;
      Files.write(keystore(), tampered);
      AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV), "byte " + position);
      assertTrue(e.getMessage().contains(keystore().toString()), e.getMessage());
      assertArrayEquals(tampered, Files.readAllBytes(keystore()));
    }
  }

  @Test
  void flippedCiphertextReadsAsCannotUnlock() throws Exception {
    open(cheap(), NO_ENV);
    byte[] tampered = Files.readAllBytes(keystore());
    tampered[50] ^= 0x01;
    Files.write(keystore(), tampered);
    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertEquals("Cannot unlock keystore " + keystore()
        + ": wrong passphrase or secret, or the file was tampered with", e.getMessage());
  }

  @Test
  void passphraseFromTheEnvironment() {
    Function<String, String> env = Map.of("AX_KEYSTORE_PASSPHRASE", "correct horse")::get;
    Keystore.Opened created = open(cheap(), env);

    assertFalse(Files.exists(secretFile()), "no secret file when a passphrase is set");
    assertEquals(created.key().nodeId(), open(cheap(), env).key().nodeId());
    AxException e = assertThrows(AxException.class,
        () -> open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE", "wrong horse")::get));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertTrue(e.getMessage().startsWith("Cannot unlock keystore " + keystore()), e.getMessage());
  }

  @Test
  void passphraseEnvNameIsConfigurable() {
    JsonObject config = cheap().put("passphraseEnv", "MY_PASS");
    Keystore.Opened created = open(config, Map.of("MY_PASS", "p1")::get);
    assertEquals(created.key().nodeId(), open(config, Map.of("MY_PASS", "p1")::get).key().nodeId());
    assertThrows(AxException.class, () -> open(config, Map.of("MY_PASS", "p2")::get));
  }

  @Test
  void passphraseFileWithATrailingNewline() throws Exception {
    Path passFile = Files.writeString(dataDir.resolve("pass.txt"), "s3cret phrase\n");
    JsonObject config = cheap().put("passphraseFile", passFile.toString());
    Keystore.Opened created = open(config, NO_ENV);

    Files.writeString(passFile, "s3cret phrase");
    assertEquals(created.key().nodeId(), open(config, NO_ENV).key().nodeId());
    assertEquals(created.key().nodeId(),
        open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE", "s3cret phrase")::get).key().nodeId(),
        "the environment wins over the file, and the same passphrase unlocks it");
    Files.writeString(passFile, "\n");
    AxException e = assertThrows(AxException.class, () -> open(config, NO_ENV));
    assertTrue(e.getMessage().contains(passFile.toString()), e.getMessage());
  }

  @Test
  void passphraseFileNamedByTheEnvironment() throws Exception {
    Path passFile = Files.writeString(dataDir.resolve("pass.txt"), "from a file\n");
    Keystore.Opened created = open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE_FILE", passFile.toString())::get);

    assertEquals("passphrase file " + passFile + " (environment variable AX_KEYSTORE_PASSPHRASE_FILE)",
        created.secretSource());
    assertFalse(Files.exists(secretFile()), "no secret file when a passphrase is set");
    assertEquals(created.key().nodeId(),
        open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE", "from a file")::get).key().nodeId());
  }

  @Test
  void aNamedPassphraseFileThatCannotBeReadIsAnErrorNotAFallback() {
    Path missing = dataDir.resolve("no-such-file");
    AxException e = assertThrows(AxException.class,
        () -> open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE_FILE", missing.toString())::get));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertFalse(Files.exists(keystore()));
    assertFalse(Files.exists(secretFile()), "a typo never creates a keystore with another secret");
  }

  @Test
  void systemdCredential() throws Exception {
    Path credentials = Files.createDirectory(dataDir.resolve("creds"));
    Function<String, String> systemd = Map.of("CREDENTIALS_DIRECTORY", credentials.toString())::get;
    Keystore.Opened withoutCredential = open(cheap(), systemd);
    assertEquals("new secret file " + secretFile(), withoutCredential.secretSource(),
        "systemd may pass other credentials: without ours the machine-local secret is used");
    Files.delete(keystore());
    Files.delete(secretFile());

    Path credential = Files.writeString(credentials.resolve("keystore-passphrase"), "systemd secret\n");
    Keystore.Opened created = open(cheap(), systemd);
    assertEquals("passphrase file " + credential + " (systemd credential keystore-passphrase)", created.secretSource());
    assertFalse(Files.exists(secretFile()));
    assertEquals(created.key().nodeId(),
        open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE", "systemd secret")::get).key().nodeId());
  }

  @Test
  void passphraseSourcesInTheirOrder() throws Exception {
    Path credentials = Files.createDirectory(dataDir.resolve("creds"));
    Path credential = Files.writeString(credentials.resolve("keystore-passphrase"), "p4");
    Path configFile = Files.writeString(dataDir.resolve("p3.txt"), "p3");
    Path namedFile = Files.writeString(dataDir.resolve("p2.txt"), "p2");
    Map<String, String> env = new HashMap<>(Map.of("AX_KEYSTORE_PASSPHRASE", "p1",
        "AX_KEYSTORE_PASSPHRASE_FILE", namedFile.toString(), "CREDENTIALS_DIRECTORY", credentials.toString()));
    JsonObject config = cheap().put("passphraseFile", configFile.toString());

    assertEquals("environment variable AX_KEYSTORE_PASSPHRASE", createAndRemove(config, env));
    env.remove("AX_KEYSTORE_PASSPHRASE");
    assertEquals("passphrase file " + namedFile + " (environment variable AX_KEYSTORE_PASSPHRASE_FILE)",
        createAndRemove(config, env));
    env.remove("AX_KEYSTORE_PASSPHRASE_FILE");
    assertEquals("passphrase file " + configFile + " (config \"passphraseFile\")", createAndRemove(config, env));
    config.remove("passphraseFile");
    assertEquals("passphrase file " + credential + " (systemd credential keystore-passphrase)",
        createAndRemove(config, env));
    env.remove("CREDENTIALS_DIRECTORY");
    assertEquals("new secret file " + secretFile(), createAndRemove(config, env));
  }

  @Test
  void aLowerCostKeystoreStillOpensAndKeepsItsCost() throws Exception {
    Keystore.Opened created = open(cheap(), NO_ENV);
    byte[] file = Files.readAllBytes(keystore());
    assertEquals(4, file[6], "log2(N) in the header");

    JsonObject defaults = new JsonObject().put("dataDir", dataDir.toString());
    assertEquals(created.key().nodeId(), open(defaults, NO_ENV).key().nodeId());
    assertArrayEquals(file, Files.readAllBytes(keystore()), "opening never rewrites the keystore");
  }

  private String createAndRemove(JsonObject config, Map<String, String> env) throws Exception {
    Keystore.Opened opened = open(config, Map.copyOf(env)::get);
    assertTrue(opened.created());
    Files.delete(keystore());
    Files.deleteIfExists(secretFile());
    return opened.secretSource();
  }

  @Test
  void anEmptyPassphraseFallsBackToTheSecretFile() {
    Keystore.Opened created = open(cheap(), Map.of("AX_KEYSTORE_PASSPHRASE", "")::get);
    assertTrue(Files.exists(secretFile()));
    assertEquals(created.key().nodeId(), open(cheap(), NO_ENV).key().nodeId());
  }

  @Test
  void aMissingSecretFileIsNamedWithTheKeystore() throws Exception {
    open(cheap(), NO_ENV);
    byte[] original = Files.readAllBytes(keystore());
    Files.delete(secretFile());

    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
    assertTrue(e.getMessage().contains(keystore().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(secretFile().toString()), e.getMessage());
    assertArrayEquals(original, Files.readAllBytes(keystore()));
    assertFalse(Files.exists(secretFile()), "no new secret for an existing keystore");
  }

  @Test
  void aDifferentSecretFileCannotUnlock() throws Exception {
    open(cheap(), NO_ENV);
    Files.delete(secretFile());
    Files.writeString(secretFile(), Base64.getEncoder().encodeToString(new byte[32]));
    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertEquals(ErrorCode.NODE_MISCONFIGURED, e.code());
  }

  @Test
  void aDamagedSecretFileIsNamed() throws Exception {
    open(cheap(), NO_ENV);
    Files.writeString(secretFile(), "not base64!");
    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertEquals(ErrorCode.IO, e.code());
    assertTrue(e.getMessage().contains(secretFile().toString()), e.getMessage());
  }

  @Test
  void aLeftoverSecretFileIsReusedForANewKeystore() throws Exception {
    open(cheap(), NO_ENV);
    byte[] secret = Files.readAllBytes(secretFile());
    Files.delete(keystore());

    assertTrue(open(cheap(), NO_ENV).created());
    assertArrayEquals(secret, Files.readAllBytes(secretFile()));
  }

  @Test
  void anOversizedFileIsNotRead() throws Exception {
    Files.write(keystore(), new byte[1 << 20]);
    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertEquals(ErrorCode.IO, e.code());
    assertTrue(e.getMessage().contains(keystore().toString()), e.getMessage());
  }

  @Test
  void aDanglingSymlinkIsNotReplaced() throws Exception {
    Path link = Files.createSymbolicLink(keystore(), dataDir.resolve("elsewhere"));
    AxException e = assertThrows(AxException.class, () -> open(cheap(), NO_ENV));
    assertTrue(e.getMessage().contains(keystore().toString()), e.getMessage());
    assertTrue(Files.isSymbolicLink(link));
    assertFalse(Files.exists(secretFile()));
  }

  private Keystore.Opened open(JsonObject config, Function<String, String> env) {
    return Keystore.openOrCreate(new KeystoreOptions(config), env, random);
  }

  private JsonObject cheap() {
    return new JsonObject().put("dataDir", dataDir.toString()).put("scryptLog2N", 4);
  }

  private Path keystore() {
    return dataDir.resolve("keystore");
  }

  private Path secretFile() {
    return dataDir.resolve("keystore.secret");
  }
}
