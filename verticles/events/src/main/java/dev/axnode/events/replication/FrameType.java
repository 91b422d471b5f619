package dev.axnode.events.replication;

/** The type byte of a replication frame (see REPLICATION.md). Codes are wire values: never renumber. */
public enum FrameType {
  HELLO(0x01),
  WANT(0x02),
  BLOCK(0x03),
  DONE(0x04),
  HAVE(0x05),
  ERROR(0x06);

  private final int code;

  FrameType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type of {@code code}, or null for a code this version does not know. */
  public static FrameType of(int code) {
    for (FrameType type : values()) {
      if (type.code == code) {
        return type;
      }
    }
    return null;
  }
}
