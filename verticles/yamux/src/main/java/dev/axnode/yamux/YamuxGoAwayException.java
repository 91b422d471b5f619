package dev.axnode.yamux;

/** The session ended: the peer sent GO_AWAY with an error code, or the session was closed. */
public final class YamuxGoAwayException extends YamuxException {

  public YamuxGoAwayException(GoAwayCode code, String message) {
    super(code, message);
  }
}
