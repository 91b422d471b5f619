package dev.axnode.securechannel.protocols;

/**
 * Opening or accepting a stream failed during multistream-select: refused ({@code na}),
 * malformed, too long, timed out, or the stream ended first.
 */
public final class NegotiationException extends StreamProtocolException {

  private static final long serialVersionUID = 1L;

  private final boolean refused;

  NegotiationException(String message, boolean refused, Throwable cause) {
    super("multistream: ", message, cause);
    this.refused = refused;
  }

  /** Whether the peer answered {@code na}: it does not speak the protocol. */
  public boolean isRefused() {
    return refused;
  }
}
