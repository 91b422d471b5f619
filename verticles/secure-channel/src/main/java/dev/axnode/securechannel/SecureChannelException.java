package dev.axnode.securechannel;

/**
 * A failure of a connection's security protocol (Noise, TLS): a malformed or tampered
 * message, a bad identity, a peer that is not the one dialed. Each protocol has its own
 * subclass whose messages start with its prefix ({@code noise: }, {@code tls: }). The
 * connection is dead after one; close it.
 */
public class SecureChannelException extends Exception {

  private static final long serialVersionUID = 1L;

  protected SecureChannelException(String message) {
    super(message);
  }

  protected SecureChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
