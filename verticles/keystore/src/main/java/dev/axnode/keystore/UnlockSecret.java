package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;

/**
 * The secret the keystore key is derived from: a passphrase from the environment, else from
 * the configured passphrase file, else the machine-local random secret file beside the
 * keystore. Close it to zero the bytes. Never logged.
 */
final class UnlockSecret implements AutoCloseable {

  static final int RANDOM_SECRET_LENGTH = 32;
  /** A passphrase or secret file larger than this is certainly a wrong path. */
  private static final long MAX_FILE_LENGTH = 4096;

  private final byte[] bytes;
  private final Path newSecretFile;

  private UnlockSecret(byte[] bytes, Path newSecretFile) {
    this.bytes = bytes;
    this.newSecretFile = newSecretFile;
  }

  /**
   * Finds the secret. With no passphrase configured and no secret file, a new random secret
   * is made only when the keystore is to be created; for an existing keystore that is an error.
   */
  static UnlockSecret resolve(KeystoreOptions options, Function<String, String> env, boolean keystoreExists,
                              SecureRandom random) {
    String passphrase = env.apply(options.passphraseEnv());
    if (passphrase != null && !passphrase.isEmpty()) {
      return new UnlockSecret(passphrase.getBytes(StandardCharsets.UTF_8), null);
    }
    if (options.passphraseFile() != null) {
      return new UnlockSecret(readPassphraseFile(options.passphraseFile()), null);
    }
    Path secretFile = options.secretFile();
    if (Files.exists(secretFile)) {
      return new UnlockSecret(readSecretFile(secretFile), null);
    }
    if (keystoreExists) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, "Cannot unlock keystore " + options.keystoreFile()
          + ": its secret file " + secretFile + " is missing and no passphrase is set (environment variable "
          + options.passphraseEnv() + " or config \"passphraseFile\")");
    }
    byte[] fresh = new byte[RANDOM_SECRET_LENGTH];
    random.nextBytes(fresh);
    return new UnlockSecret(fresh, secretFile);
  }

  byte[] bytes() {
    return bytes;
  }

  /** Writes a newly made random secret file (mode 0600); does nothing for a passphrase or an existing file. */
  void persistIfNew() throws IOException {
    if (newSecretFile != null) {
      byte[] text = (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
      try {
        AtomicFile.create(newSecretFile, text);
      } finally {
        Arrays.fill(text, (byte) 0);
      }
    }
  }

  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
  }

  /** The file's bytes without one trailing line break, as editors and {@code echo} add one. */
  private static byte[] readPassphraseFile(Path file) {
    byte[] content = readSmall(file, "passphrase file");
    int end = content.length;
    if (end > 0 && content[end - 1] == '\n') {
      end--;
      if (end > 0 && content[end - 1] == '\r') {
        end--;
      }
    }
    if (end == 0) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, "The passphrase file " + file + " is empty");
    }
    byte[] passphrase = Arrays.copyOf(content, end);
    Arrays.fill(content, (byte) 0);
    return passphrase;
  }

  private static byte[] readSecretFile(Path file) {
    byte[] content = readSmall(file, "keystore secret file");
    try {
      byte[] secret = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
      if (secret.length != RANDOM_SECRET_LENGTH) {
        throw new IllegalArgumentException("length " + secret.length);
      }
      return secret;
    } catch (IllegalArgumentException e) {
      throw new AxException(ErrorCode.IO, "The keystore secret file " + file
          + " is damaged: expected base64 of " + RANDOM_SECRET_LENGTH + " bytes");
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static byte[] readSmall(Path file, String what) {
    try {
      if (Files.size(file) > MAX_FILE_LENGTH) {
        throw new AxException(ErrorCode.NODE_MISCONFIGURED, "The " + what + " " + file + " is larger than "
            + MAX_FILE_LENGTH + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, "Cannot read the " + what + " " + file + ": " + e);
    }
  }
}
