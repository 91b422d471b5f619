package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;

import java.nio.file.Path;

/**
 * A keystore file that cannot be opened. The codec works on bytes and does not know the
 * file; {@link #toAxException} adds the path, so every error the node reports names it.
 */
final class KeystoreFormatException extends Exception {

  private final ErrorCode code;

  private KeystoreFormatException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  /** The bytes are not a keystore this version can read: damaged, truncated or from elsewhere. */
  static KeystoreFormatException damaged(String detail) {
    return new KeystoreFormatException(ErrorCode.IO, detail);
  }

  /**
   * The authentication tag did not match. GCM cannot tell a wrong secret from a changed
   * byte; a wrong secret is the likelier cause, so this is a configuration error.
   */
  static KeystoreFormatException cannotUnlock() {
    return new KeystoreFormatException(ErrorCode.NODE_MISCONFIGURED,
        "wrong passphrase or secret, or the file was tampered with");
  }

  ErrorCode code() {
    return code;
  }

  AxException toAxException(Path file) {
    String verb = code == ErrorCode.NODE_MISCONFIGURED ? "Cannot unlock" : "Cannot open";
    return new AxException(code, verb + " keystore " + file.toAbsolutePath() + ": " + getMessage());
  }
}
