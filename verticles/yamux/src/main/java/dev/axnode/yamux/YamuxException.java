package dev.axnode.yamux;

/**
 * Base of the yamux failures. Every message starts with {@code "yamux: "} so a log line
 * names its layer, and every instance carries the GO_AWAY code a session sends (or
 * received) because of it.
 */
public class YamuxException extends RuntimeException {

  private final GoAwayCode code;

  public YamuxException(GoAwayCode code, String message) {
    this(code, message, null);
  }

  public YamuxException(GoAwayCode code, String message, Throwable cause) {
    super(message.startsWith("yamux: ") ? message : "yamux: " + message, cause);
    this.code = code;
  }

  /** The GO_AWAY code that goes (or came) with this failure. */
  public GoAwayCode code() {
    return code;
  }
}
