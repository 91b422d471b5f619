package dev.axnode.securechannel.protocols;

/** A perf failure: malformed or unexpected peer input, or the stream ending early. */
public final class PerfException extends StreamProtocolException {

  private static final long serialVersionUID = 1L;

  public PerfException(String message) {
    this(message, null);
  }

  public PerfException(String message, Throwable cause) {
    super("perf: ", message, cause);
  }
}
