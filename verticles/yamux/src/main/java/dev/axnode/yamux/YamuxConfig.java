package dev.axnode.yamux;

import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Yamux session settings, Vert.x-options style: {@code DEFAULT_*} constants, fluent
 * setters, a copy constructor and a JSON constructor (the clock and allocator are code
 * seams and have no JSON form).
 *
 * <p><b>Budgets</b> (per connection, i.e. per session; defaults in brackets). A peer that
 * breaks a rate or bound is closed with GO_AWAY, a stream beyond a count is refused with RST:
 * <ul>
 *   <li>{@code maxInboundStreams} [256] streams the peer may have open at once; one more
 *       is refused with RST.</li>
 *   <li>{@code maxSessionWindow} [32 MiB] for the sum of all streams' receive windows. Every
 *       byte a session buffers for its streams is within some window, so buffered bytes per
 *       connection stay at or below it; a new stream that would not fit is refused (RST
 *       inbound, an exception outbound), and window auto-tuning stops at three quarters of
 *       it so that new streams still fit beside a bulk transfer.</li>
 *   <li>{@code maxStreamWindow} [16 MiB] for one stream's auto-tuned receive window.</li>
 *   <li>{@code maxSendWindow} [16 MiB]: the send credit we believe the peer gave a stream;
 *       a larger grant is cut to this, so a peer cannot make us push gigabytes at it.</li>
 *   <li>{@code maxSendQueue} [4 MiB] accepted but unsent bytes per stream;
 *       {@code writeHighWaterMark} [256 KiB] is where {@code isWritable()} turns false.</li>
 *   <li>{@code maxControlBacklog} [64 KiB] of control frames (PING answers, window updates,
 *       FIN, RST) sent while output is paused; beyond it the peer is not reading and the
 *       session fails with GO_AWAY(INTERNAL_ERROR).</li>
 *   <li>{@code maxStreamOpensPerSecond} [64], {@code streamOpenBurst} [256]: inbound stream
 *       opens beyond this rate close the session ("stream churn").</li>
 *   <li>{@code maxPingsPerSecond} [10], {@code pingBurst} [64]: PING requests beyond this
 *       rate close the session ("ping flood"); go, rust and js peers ping every 10-30 s.</li>
 *   <li>Decoder: a DATA frame longer than its stream's receive credit fails on its header,
 *       before any payload is held; a frame for a stream id never opened is a protocol
 *       error. The 4096 most recently closed streams are remembered with the credit the
 *       peer still had, late DATA for them is dropped within it.</li>
 * </ul>
 */
public final class YamuxConfig {

  /** The window every stream starts with, fixed by the spec. */
  public static final int SPEC_INITIAL_WINDOW = 256 * 1024;
  /** With the 32 MiB session window, 128 of them fit at the initial 256 KiB window. */
  public static final int DEFAULT_MAX_INBOUND_STREAMS = 256;
  public static final int DEFAULT_INITIAL_STREAM_WINDOW = SPEC_INITIAL_WINDOW;
  public static final int DEFAULT_MAX_STREAM_WINDOW = 16 * 1024 * 1024;
  /**
   * Buffered bytes per connection are at most the sum of its windows, so this bounds
   * what one peer can make us hold: 32 MiB, room for two bulk streams at full window.
   */
  public static final long DEFAULT_MAX_SESSION_WINDOW = 32L * 1024 * 1024;
  public static final int DEFAULT_MAX_SEND_WINDOW = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_CONTROL_BACKLOG = 64 * 1024;
  public static final int DEFAULT_MAX_STREAM_OPENS_PER_SECOND = 64;
  public static final int DEFAULT_STREAM_OPEN_BURST = 256;
  public static final int DEFAULT_MAX_PINGS_PER_SECOND = 10;
  public static final int DEFAULT_PING_BURST = 64;
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
  private int maxSendWindow = DEFAULT_MAX_SEND_WINDOW;
  private int maxControlBacklog = DEFAULT_MAX_CONTROL_BACKLOG;
  private int maxStreamOpensPerSecond = DEFAULT_MAX_STREAM_OPENS_PER_SECOND;
  private int streamOpenBurst = DEFAULT_STREAM_OPEN_BURST;
  private int maxPingsPerSecond = DEFAULT_MAX_PINGS_PER_SECOND;
  private int pingBurst = DEFAULT_PING_BURST;
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
    maxSendWindow = other.maxSendWindow;
    maxControlBacklog = other.maxControlBacklog;
    maxStreamOpensPerSecond = other.maxStreamOpensPerSecond;
    streamOpenBurst = other.streamOpenBurst;
    maxPingsPerSecond = other.maxPingsPerSecond;
    pingBurst = other.pingBurst;
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
    maxSendWindow = json.getInteger("maxSendWindow", maxSendWindow);
    maxControlBacklog = json.getInteger("maxControlBacklog", maxControlBacklog);
    maxStreamOpensPerSecond = json.getInteger("maxStreamOpensPerSecond", maxStreamOpensPerSecond);
    streamOpenBurst = json.getInteger("streamOpenBurst", streamOpenBurst);
    maxPingsPerSecond = json.getInteger("maxPingsPerSecond", maxPingsPerSecond);
    pingBurst = json.getInteger("pingBurst", pingBurst);
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
    check(maxSendWindow >= SPEC_INITIAL_WINDOW, "maxSendWindow must be >= 256 KiB");
    check(maxControlBacklog >= FrameHeader.SIZE, "maxControlBacklog must be >= 12 bytes");
    check(isRate(maxStreamOpensPerSecond) && streamOpenBurst >= 1,
        "maxStreamOpensPerSecond must be within 1 .. 1000000 and streamOpenBurst >= 1");
    check(isRate(maxPingsPerSecond) && pingBurst >= 1,
        "maxPingsPerSecond must be within 1 .. 1000000 and pingBurst >= 1");
    return this;
  }

  private static boolean isRate(int perSecond) {
    return perSecond >= 1 && perSecond <= 1_000_000;
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
        .put("pingOnStart", pingOnStart)
        .put("maxSendWindow", maxSendWindow)
        .put("maxControlBacklog", maxControlBacklog)
        .put("maxStreamOpensPerSecond", maxStreamOpensPerSecond)
        .put("streamOpenBurst", streamOpenBurst)
        .put("maxPingsPerSecond", maxPingsPerSecond)
        .put("pingBurst", pingBurst);
  }

  /** Inbound streams open at once; a SYN beyond this is answered with RST. */
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

  /**
   * Ceiling for the sum of all stream receive windows: a stream that would not fit is
   * refused, and auto-tuning grows windows only up to three quarters of it.
   */
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

  /** Ceiling for one stream's send credit; a peer's larger grant is cut to it. */
  public int maxSendWindow() {
    return maxSendWindow;
  }

  public YamuxConfig maxSendWindow(int value) {
    maxSendWindow = value;
    return this;
  }

  /**
   * Bytes of control frames a session sends while its output is paused before it gives
   * up on the peer (which then does not read what it asks for).
   */
  public int maxControlBacklog() {
    return maxControlBacklog;
  }

  public YamuxConfig maxControlBacklog(int value) {
    maxControlBacklog = value;
    return this;
  }

  /** Sustained rate of inbound stream opens; faster churn closes the session. */
  public int maxStreamOpensPerSecond() {
    return maxStreamOpensPerSecond;
  }

  public YamuxConfig maxStreamOpensPerSecond(int value) {
    maxStreamOpensPerSecond = value;
    return this;
  }

  /** Inbound stream opens allowed at once before the rate applies. */
  public int streamOpenBurst() {
    return streamOpenBurst;
  }

  public YamuxConfig streamOpenBurst(int value) {
    streamOpenBurst = value;
    return this;
  }

  /** Sustained rate of PING requests answered; faster pings close the session. */
  public int maxPingsPerSecond() {
    return maxPingsPerSecond;
  }

  public YamuxConfig maxPingsPerSecond(int value) {
    maxPingsPerSecond = value;
    return this;
  }

  /** PING requests answered at once before the rate applies. */
  public int pingBurst() {
    return pingBurst;
  }

  public YamuxConfig pingBurst(int value) {
    pingBurst = value;
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
