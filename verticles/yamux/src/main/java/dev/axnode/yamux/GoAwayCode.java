package dev.axnode.yamux;

/** Why a session ends, carried in the length field of a GO_AWAY frame. */
public enum GoAwayCode {
  NORMAL(0),
  PROTOCOL_ERROR(1),
  INTERNAL_ERROR(2);

  private final int code;

  GoAwayCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The code for a wire value; unknown values count as INTERNAL_ERROR, never NORMAL. */
  public static GoAwayCode fromWire(long value) {
    if (value == 0) {
      return NORMAL;
    }
    return value == 1 ? PROTOCOL_ERROR : INTERNAL_ERROR;
  }
}
