package dev.axnode.securechannel.noise;

/**
 * A Noise or libp2p-noise failure: a malformed or tampered message, a bad identity signature, a
 * peer that is not the one dialed. Every message starts with {@code noise: }. The handshake is
 * dead after one; close the connection.
 */
public final class NoiseException extends dev.axnode.securechannel.SecureChannelException {

  private static final long serialVersionUID = 1L;

  public NoiseException(String message) {
    super("noise: " + message);
  }
}
