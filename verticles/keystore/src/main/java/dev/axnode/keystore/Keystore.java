package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Opens the node's keystore file, or creates it with a new key when there is none. Blocking
 * (scrypt, key generation, file I/O): call it from a worker. An existing keystore is never
 * written: a file that cannot be opened is an error naming it, never a reason for a new identity.
 */
final class Keystore {

  /** A version 1 keystore has 86 bytes; anything much larger is not one and is not read whole. */
  private static final long MAX_FILE_LENGTH = 4096;

  /** The unlocked key, its file, whether that file was created just now, and where its secret came from. */
  record Opened(NodeKey key, Path file, boolean created, String secretSource) {
  }

  private Keystore() {
  }

  static Opened openOrCreate(KeystoreOptions options, Function<String, String> env, SecureRandom random) {
    Path path = options.keystoreFile();
    // NOFOLLOW_LINKS: a dangling symlink counts as an existing (unreadable) keystore, not as none.
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return open(options, env, random);
    }
    return create(options, env, random);
  }

  private static Opened open(KeystoreOptions options, Function<String, String> env, SecureRandom random) {
    Path path = options.keystoreFile();
    byte[] file = read(path);
    try (UnlockSecret secret = UnlockSecret.resolve(options, env, true, random)) {
      byte[] seed = KeystoreCodec.open(file, secret.bytes());
      try {
        return new Opened(NodeKey.fromSeed(seed), path, false, secret.source());
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    } catch (KeystoreFormatException e) {
      throw e.toAxException(path);
    }
  }

  private static Opened create(KeystoreOptions options, Function<String, String> env, SecureRandom random) {
    Path path = options.keystoreFile();
    try (UnlockSecret secret = UnlockSecret.resolve(options, env, false, random)) {
      NodeKey key = NodeKey.generate(random);
      byte[] seed = key.seed();
      byte[] file;
      try {
        file = KeystoreCodec.seal(seed, secret.bytes(), options.scrypt(), random);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      Files.createDirectories(options.dataDir());
      // The secret first: after a crash in between, a keystore never exists without its secret.
      secret.persistIfNew();
      AtomicFile.create(path, file);
      return new Opened(key, path, true, secret.source());
    } catch (IOException e) {
      throw new AxException(ErrorCode.IO, "Cannot create keystore " + path + ": " + e);
    }
  }

  private static byte[] read(Path path) {
    try {
      long size = Files.size(path);
      if (size > MAX_FILE_LENGTH) {
        throw new AxException(ErrorCode.IO, "Cannot open keystore " + path + ": " + size
            + " bytes is far too large for a keystore");
      }
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new AxException(ErrorCode.IO, "Cannot read keystore " + path + ": " + e);
    }
  }
}
