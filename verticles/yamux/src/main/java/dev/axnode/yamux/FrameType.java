package dev.axnode.yamux;

/** The yamux frame types, with their wire codes. */
public enum FrameType {
  /** Stream data; the header length is the payload length. */
  DATA(0),
  /** Adds credit to a stream's send window; the header length is the delta. */
  WINDOW_UPDATE(1),
  /** Session keep-alive / RTT probe on stream 0; the header length is an opaque value. */
  PING(2),
  /** Session termination on stream 0; the header length is a {@link GoAwayCode}. */
  GO_AWAY(3);

  private static final FrameType[] BY_CODE = values();

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type for a wire code, or null when the code is unknown. */
  public static FrameType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
