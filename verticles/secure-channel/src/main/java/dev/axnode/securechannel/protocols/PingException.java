package dev.axnode.securechannel.protocols;

/** A ping failure: malformed or unexpected peer input, or the stream ending early. */
public final class PingException extends StreamProtocolException {

  private static final long serialVersionUID = 1L;

  public PingException(String message) {
    this(message, null);
  }

  public PingException(String message, Throwable cause) {
    super("ping: ", message, cause);
  }
}
