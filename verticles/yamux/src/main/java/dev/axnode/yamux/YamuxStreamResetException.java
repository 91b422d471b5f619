package dev.axnode.yamux;

/** A stream was reset: by the peer (RST) or because its session ended. */
public final class YamuxStreamResetException extends YamuxException {

  private final long streamId;

  public YamuxStreamResetException(long streamId, String message, Throwable cause) {
    super(GoAwayCode.NORMAL, "stream " + streamId + " " + message, cause);
    this.streamId = streamId;
  }

  public long streamId() {
    return streamId;
  }
}
