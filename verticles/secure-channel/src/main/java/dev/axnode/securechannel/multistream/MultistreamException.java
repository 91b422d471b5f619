package dev.axnode.securechannel.multistream;

/**
 * A multistream-select protocol error: a malformed message, an unexpected answer or a
 * negotiation that cannot succeed. Every message starts with {@code multistream: } so a
 * log line names the layer that failed. The connection should be closed.
 */
public final class MultistreamException extends Exception {

  private static final long serialVersionUID = 1L;

  public MultistreamException(String message) {
    super("multistream: " + message);
  }
}
