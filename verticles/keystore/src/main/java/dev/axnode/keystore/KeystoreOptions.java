package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;

/** The keystore verticle's configuration, read from its deployment config. */
final class KeystoreOptions {

  static final String DEFAULT_PASSPHRASE_ENV = "AX_KEYSTORE_PASSPHRASE";
  static final String DEFAULT_PASSPHRASE_FILE_ENV = "AX_KEYSTORE_PASSPHRASE_FILE";
  static final int DEFAULT_SCRYPT_LOG2N = ScryptParams.DEFAULT_LOG2N;
  static final String KEYSTORE_FILE_NAME = "keystore";
  static final String SECRET_FILE_NAME = "keystore.secret";

  private final Path dataDir;
  private final String passphraseEnv;
  private final String passphraseFileEnv;
  private final Path passphraseFile;
  private final ScryptParams scrypt;

  /**
   * Reads {@code dataDir} (required), {@code passphraseEnv}, {@code passphraseFileEnv}, {@code passphraseFile} and
   * {@code scryptLog2N}; a missing or ill-typed entry fails with NODE_MISCONFIGURED.
   */
  KeystoreOptions(JsonObject config) {
    try {
      String dir = config.getString("dataDir");
      if (dir == null || dir.isBlank()) {
        throw misconfigured("config \"dataDir\" is missing");
      }
      dataDir = Path.of(dir).toAbsolutePath();
      passphraseEnv = config.getString("passphraseEnv", DEFAULT_PASSPHRASE_ENV);
      passphraseFileEnv = config.getString("passphraseFileEnv", DEFAULT_PASSPHRASE_FILE_ENV);
      String file = config.getString("passphraseFile");
      passphraseFile = file == null ? null : Path.of(file).toAbsolutePath();
      scrypt = ScryptParams.withLog2N(config.getInteger("scryptLog2N", DEFAULT_SCRYPT_LOG2N));
    } catch (ClassCastException e) {
      throw misconfigured("a config entry has the wrong type: " + e.getMessage());
    }
    if (scrypt.problem() != null) {
      throw misconfigured("config \"scryptLog2N\": " + scrypt.problem());
    }
  }

  Path dataDir() {
    return dataDir;
  }

  Path keystoreFile() {
    return dataDir.resolve(KEYSTORE_FILE_NAME);
  }

  Path secretFile() {
    return dataDir.resolve(SECRET_FILE_NAME);
  }

  String passphraseEnv() {
    return passphraseEnv;
  }

  /** The environment variable that names a passphrase file. */
  String passphraseFileEnv() {
    return passphraseFileEnv;
  }

  /** The passphrase file, or null when none is configured. */
  Path passphraseFile() {
    return passphraseFile;
  }

  /** The cost for a new keystore; an existing one keeps the cost written in its header. */
  ScryptParams scrypt() {
    return scrypt;
  }

  private static AxException misconfigured(String detail) {
    return new AxException(ErrorCode.NODE_MISCONFIGURED, "keystore: " + detail);
  }
}
