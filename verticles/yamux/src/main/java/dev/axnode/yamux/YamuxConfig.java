package dev.axnode.yamux;

import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Yamux session settings, Vert.x-options style: {@code DEFAULT_*} constants, fluent
 * setters, a copy constructor and a JSON constructor (the clock and allocator are code
 * seams and have no JSON form).
 */
public final class YamuxConfig {

  /** The window every stream starts with, fixed by the spec. */
  public static final int SPEC_INITIAL_WINDOW = 256 * 1024;
  public static final int DEFAULT_MAX_INBOUND_STREAMS = 1000;
  public static final int DEFAULT_INITIAL_STREAM_WINDOW = SPEC_INITIAL_WINDOW;
  public static final int DEFAULT_MAX_STREAM_WINDOW = 16 * 1024 * 1024;
  public static final long DEFAULT_MAX_SESSION_WINDOW = 512L * 1024 * 1024;
  public static final int DEFAULT_MAX_FRAME_PAYLOAD = 64 * 1024;
  public static final int DEFAULT_WRITE_HIGH_WATER_MARK = 256 * 1024;
  public static final int DEFAULT_MAX_SEND_QUEUE = 4 * 1024 * 1024;
  public static final boolean DEFAULT_PING_ON_START = true;

  private int maxInboundStreams = DEFAULT_MAX_INBOUND_STREAMS;
  private int initialStreamWindow = DEFAULT_INITIAL_STREAM_WINDOW;
  private int maxStreamWindow = DEFAULT_MAX_STREAM_WINDOW;
  private long maxSessionWindow = DEFAULT_MAX_SESSION_WINDOW;
  private int maxFramePayload = DEFAULT_MAX_FRAME_PAYLOAD;
  private int writeHighWaterMark = DEFAULT_WRITE_HIGH_WATER_MARK;
  private int maxSendQueue = DEFAULT_MAX_SEND_QUEUE;
  private boolean pingOnStart = DEFAULT_PING_ON_START;
  private LongSupplier clock = System::nanoTime;
  private ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;

  public YamuxConfig() {
  }

  public YamuxConfig(YamuxConfig other) {
    maxInboundStreams = other.maxInboundStreams;
    initialStreamWindow = other.initialStreamWindow;
    maxStreamWindow = other.maxStreamWindow;
    maxSessionWindow = other.maxSessionWindow;
    maxFramePayload = other.maxFramePayload;
    writeHighWaterMark = other.writeHighWaterMark;
    maxSendQueue = other.maxSendQueue;
    pingOnStart = other.pingOnStart;
    clock = other.clock;
    allocator = other.allocator;
  }

  public YamuxConfig(JsonObject json) {
    maxInboundStreams = json.getInteger("maxInboundStreams", maxInboundStreams);
    initialStreamWindow = json.getInteger("initialStreamWindow", initialStreamWindow);
    maxStreamWindow = json.getInteger("maxStreamWindow", maxStreamWindow);
    maxSessionWindow = json.getLong("maxSessionWindow", maxSessionWindow);
    maxFramePayload = json.getInteger("maxFramePayload", maxFramePayload);
    writeHighWaterMark = json.getInteger("writeHighWaterMark", writeHighWaterMark);
    maxSendQueue = json.getInteger("maxSendQueue", maxSendQueue);
    pingOnStart = json.getBoolean("pingOnStart", pingOnStart);
  }

  /** Throws IllegalArgumentException naming the first inconsistent setting. */
  public YamuxConfig validate() {
    check(maxInboundStreams >= 0, "maxInboundStreams must be >= 0");
    check(initialStreamWindow >= SPEC_INITIAL_WINDOW, "initialStreamWindow must be >= 256 KiB");
    check(maxStreamWindow >= initialStreamWindow, "maxStreamWindow must be >= initialStreamWindow");
    check(maxSessionWindow >= maxStreamWindow, "maxSessionWindow must be >= maxStreamWindow");
    check(maxFramePayload >= 1024 && maxFramePayload <= 16 * 1024 * 1024,
        "maxFramePayload must be within 1 KiB .. 16 MiB");
    check(writeHighWaterMark > 0, "writeHighWaterMark must be > 0");
    check(maxSendQueue >= writeHighWaterMark, "maxSendQueue must be >= writeHighWaterMark");
    return this;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("yamux: " + message);
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("maxInboundStreams", maxInboundStreams)
        .put("initialStreamWindow", initialStreamWindow)
        .put("maxStreamWindow", maxStreamWindow)
        .put("maxSessionWindow", maxSessionWindow)
        .put("maxFramePayload", maxFramePayload)
        .put("writeHighWaterMark", writeHighWaterMark)
        .put("maxSendQueue", maxSendQueue)
        .put("pingOnStart", pingOnStart);
  }

  /** Inbound streams open at once; a SYN beyond this is answered with RST (js: 1000). */
  public int maxInboundStreams() {
    return maxInboundStreams;
  }

  public YamuxConfig maxInboundStreams(int value) {
    maxInboundStreams = value;
    return this;
  }

  /** Receive window a new stream advertises; above 256 KiB the SYN/ACK carries the excess. */
  public int initialStreamWindow() {
    return initialStreamWindow;
  }

  public YamuxConfig initialStreamWindow(int value) {
    initialStreamWindow = value;
    return this;
  }

  /** Ceiling for the auto-tuned receive window of one stream. */
  public int maxStreamWindow() {
    return maxStreamWindow;
  }

  public YamuxConfig maxStreamWindow(int value) {
    maxStreamWindow = value;
    return this;
  }

  /** Ceiling for the sum of all stream receive windows; growth stops there. */
  public long maxSessionWindow() {
    return maxSessionWindow;
  }

  public YamuxConfig maxSessionWindow(long value) {
    maxSessionWindow = value;
    return this;
  }

  /** Largest DATA payload this session sends in one frame. */
  public int maxFramePayload() {
    return maxFramePayload;
  }

  public YamuxConfig maxFramePayload(int value) {
    maxFramePayload = value;
    return this;
  }

  /** Queued (window-blocked) bytes at which a stream stops being writable. */
  public int writeHighWaterMark() {
    return writeHighWaterMark;
  }

  public YamuxConfig writeHighWaterMark(int value) {
    writeHighWaterMark = value;
    return this;
  }

  /** Hard bound on queued bytes per stream; a write past it is refused. */
  public int maxSendQueue() {
    return maxSendQueue;
  }

  public YamuxConfig maxSendQueue(int value) {
    maxSendQueue = value;
    return this;
  }

  /** Whether a session pings once on creation to learn the RTT window tuning needs. */
  public boolean pingOnStart() {
    return pingOnStart;
  }

  public YamuxConfig pingOnStart(boolean value) {
    pingOnStart = value;
    return this;
  }

  /** Monotonic nanosecond clock; a seam so tests can drive time. */
  public LongSupplier clock() {
    return clock;
  }

  public YamuxConfig clock(LongSupplier value) {
    clock = Objects.requireNonNull(value);
    return this;
  }

  public ByteBufAllocator allocator() {
    return allocator;
  }

  public YamuxConfig allocator(ByteBufAllocator value) {
    allocator = Objects.requireNonNull(value);
    return this;
  }
}
