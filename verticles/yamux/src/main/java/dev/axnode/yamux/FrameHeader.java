package dev.axnode.yamux;

import java.util.Objects;

/**
 * One immutable yamux frame header. The version is always 0. Stream id and length are
 * unsigned 32-bit values held in a {@code long}; the length is the payload size for DATA,
 * the window delta for WINDOW_UPDATE, the opaque value for PING and the code for GO_AWAY.
 * See {@link FrameCodec} for the wire layout.
 */
public record FrameHeader(FrameType type, int flags, long streamId, long length) {

  public static final int VERSION = 0;
  public static final int SIZE = 12;
  static final long MAX_U32 = 0xFFFF_FFFFL;

  public FrameHeader {
    Objects.requireNonNull(type, "type");
    if ((flags & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("yamux: flags out of range: " + flags);
    }
    if (streamId < 0 || streamId > MAX_U32) {
      throw new IllegalArgumentException("yamux: stream id out of range: " + streamId);
    }
    if (length < 0 || length > MAX_U32) {
      throw new IllegalArgumentException("yamux: length out of range: " + length);
    }
  }

  public static FrameHeader data(long streamId, int flags, int length) {
    return new FrameHeader(FrameType.DATA, flags, streamId, length);
  }

  public static FrameHeader windowUpdate(long streamId, int flags, long delta) {
    return new FrameHeader(FrameType.WINDOW_UPDATE, flags, streamId, delta);
  }

  public static FrameHeader ping(int flags, long opaque) {
    return new FrameHeader(FrameType.PING, flags, 0, opaque);
  }

  public static FrameHeader goAway(GoAwayCode code) {
    return new FrameHeader(FrameType.GO_AWAY, 0, 0, code.code());
  }

  public int version() {
    return VERSION;
  }

  public boolean has(int flag) {
    return Flags.has(flags, flag);
  }

  @Override
  public String toString() {
    return type + "[" + Flags.toString(flags) + " stream=" + streamId + " len=" + length + "]";
  }
}
