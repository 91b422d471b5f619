package dev.axnode.yamux;

/** The peer broke the protocol: the session answers GO_AWAY(PROTOCOL_ERROR) and closes. */
public final class YamuxProtocolException extends YamuxException {

  public YamuxProtocolException(String message) {
    super(GoAwayCode.PROTOCOL_ERROR, message);
  }
}
