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
 * The secret the keystore key is derived from, from the first of these that is set:
 * <ol>
 *   <li>the passphrase in the environment variable {@code AX_KEYSTORE_PASSPHRASE} (config
 *       {@code passphraseEnv});
 *   <li>the passphrase file named by the environment variable {@code AX_KEYSTORE_PASSPHRASE_FILE}
 *       (config {@code passphraseFileEnv});
 *   <li>the passphrase file of config {@code passphraseFile};
 *   <li>the systemd credential {@code $CREDENTIALS_DIRECTORY/keystore-passphrase}
 *       ({@code LoadCredential=}/{@code SetCredentialEncrypted=}), so the passphrase need not
 *       sit in the environment, where child processes and {@code /proc} can see it;
 *   <li>the machine-local random secret file beside the keystore.
 * </ol>
 * A source that is named but unreadable is an error, never a reason to try the next one: a
 * typo must not unlock (or create) a keystore with a different secret. Close it to zero the
 * bytes. Never logged; {@link #source()} says where it came from.
 */
final class UnlockSecret implements AutoCloseable {

  static final int RANDOM_SECRET_LENGTH = 32;
  /** The systemd credential's name in {@code $CREDENTIALS_DIRECTORY}. */
  static final String CREDENTIAL_NAME = "keystore-passphrase";
  static final String CREDENTIALS_DIRECTORY_ENV = "CREDENTIALS_DIRECTORY";
  /** A passphrase or secret file larger than this is certainly a wrong path. */
  private static final long MAX_FILE_LENGTH = 4096;

  private final byte[] bytes;
  private final String source;
  private final Path newSecretFile;

  private UnlockSecret(byte[] bytes, String source, Path newSecretFile) {
    this.bytes = bytes;
    this.source = source;
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
      return new UnlockSecret(passphrase.getBytes(StandardCharsets.UTF_8),
          "environment variable " + options.passphraseEnv(), null);
    }
    String namedFile = env.apply(options.passphraseFileEnv());
    if (namedFile != null && !namedFile.isEmpty()) {
      return fromPassphraseFile(Path.of(namedFile).toAbsolutePath(),
          "environment variable " + options.passphraseFileEnv());
    }
    if (options.passphraseFile() != null) {
      return fromPassphraseFile(options.passphraseFile(), "config \"passphraseFile\"");
    }
    String credentials = env.apply(CREDENTIALS_DIRECTORY_ENV);
    if (credentials != null && !credentials.isEmpty()) {
      Path credential = Path.of(credentials, CREDENTIAL_NAME);
      if (Files.exists(credential)) {
        return fromPassphraseFile(credential, "systemd credential " + CREDENTIAL_NAME);
      }
    }
    return fromSecretFile(options, keystoreExists, random);
  }

  private static UnlockSecret fromPassphraseFile(Path file, String namedBy) {
    return new UnlockSecret(readPassphraseFile(file), "passphrase file " + file + " (" + namedBy + ")", null);
  }

  private static UnlockSecret fromSecretFile(KeystoreOptions options, boolean keystoreExists, SecureRandom random) {
    Path secretFile = options.secretFile();
    if (Files.exists(secretFile)) {
      return new UnlockSecret(readSecretFile(secretFile), "secret file " + secretFile, null);
    }
    if (keystoreExists) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, "Cannot unlock keystore " + options.keystoreFile()
          + ": its secret file " + secretFile + " is missing and no passphrase is set (environment variable "
          + options.passphraseEnv() + " or " + options.passphraseFileEnv() + ", config \"passphraseFile\", or $"
          + CREDENTIALS_DIRECTORY_ENV + "/" + CREDENTIAL_NAME + ")");
    }
    byte[] fresh = new byte[RANDOM_SECRET_LENGTH];
    random.nextBytes(fresh);
    return new UnlockSecret(fresh, "new secret file " + secretFile, secretFile);
  }

  /** Where the secret came from, for the log: a variable's or a file's name, never the secret. */
  String source() {
    return source;
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
