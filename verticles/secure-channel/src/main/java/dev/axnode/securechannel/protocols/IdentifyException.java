package dev.axnode.securechannel.protocols;

/** A identify failure: malformed or unexpected peer input, or the stream ending early. */
public final class IdentifyException extends StreamProtocolException {

  private static final long serialVersionUID = 1L;

  public IdentifyException(String message) {
    this(message, null);
  }

  public IdentifyException(String message, Throwable cause) {
    super("identify: ", message, cause);
  }
}
