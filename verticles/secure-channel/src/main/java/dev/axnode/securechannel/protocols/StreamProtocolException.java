package dev.axnode.securechannel.protocols;

/**
 * A failure of one application protocol on one yamux stream. Every message starts with the
 * protocol's prefix ({@code identify: }, {@code ping: }, {@code perf: }, {@code admin frame: },
 * {@code multistream: }) so a log line names the layer. The stream is reset; the session and its
 * other streams go on.
 */
public class StreamProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected StreamProtocolException(String prefix, String message, Throwable cause) {
    super(prefix + message, cause);
  }
}
