package dev.axnode.securechannel.tls;

import dev.axnode.securechannel.SecureChannelException;

/**
 * A libp2p TLS failure: a refused certificate (no or a bad signed-key extension, an unknown
 * critical extension, more than one certificate), a peer that is not the one dialed, a TLS
 * alert or a malformed record. Every message starts with {@code tls: }.
 */
public final class TlsException extends SecureChannelException {

  private static final long serialVersionUID = 1L;

  public TlsException(String message) {
    super("tls: " + message);
  }

  public TlsException(String message, Throwable cause) {
    super("tls: " + message, cause);
  }
}
