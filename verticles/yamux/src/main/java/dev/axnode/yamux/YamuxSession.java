package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A sans-IO yamux session (/yamux/1.0.0): wire bytes in through {@link #receive}, frames
 * out through a {@link FrameSink}, streams and events through a {@link Listener}.
 *
 * <p><b>Threading:</b> single-threaded. Create it, feed it and use its streams from one
 * thread (one Vert.x context); it does no locking and every callback runs on the calling
 * thread, inside the call that caused it.
 *
 * <p><b>Buffers:</b> {@link #receive} never takes ownership of its argument and leaves its
 * indices alone; payloads handed to stream handlers are retained slices of it (or of the
 * session's own accumulation), so the caller may release it right after the call. Frames
 * given to the sink belong to the sink. See {@link YamuxStream} for stream buffers.
 *
 * <p><b>Failures:</b> nothing escapes {@code receive}. A protocol violation answers
 * GO_AWAY(PROTOCOL_ERROR), resets every stream and reports the {@link YamuxException} to
 * {@link Listener#onClose}; the owner then closes the connection. The bounds a peer must
 * keep to are listed under "Budgets" in {@link YamuxConfig}.
 */
public final class YamuxSession {

  /** What a session tells its owner. */
  public interface Listener {
    /** The peer opened a stream; set its handlers here, before returning. */
    void onStream(YamuxStream stream);

    /** The session ended: {@code cause} is null for a normal end, else a YamuxException. */
    void onClose(Throwable cause);
  }

  private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);

  private final Role role;
  private final YamuxConfig config;
  private final FrameWriter out;
  private final Listener listener;
  private final WireReader reader;
  private final PingTracker pings = new PingTracker();
  private final StreamTable streams;
  private final PeerGuard guard;
  private long nextStreamId;
  private boolean remoteGoAway;
  private boolean closed;

  public YamuxSession(Role role, YamuxConfig config, FrameSink out, Listener listener) {
    this.role = Objects.requireNonNull(role, "role");
    this.config = new YamuxConfig(config).validate();
    this.out = new FrameWriter(Objects.requireNonNull(out, "out"), this.config);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.reader = new WireReader(this::isClosed, this::maxDataLength, this::dispatch, this::fail,
        this.config.allocator());
    this.streams = new StreamTable(this.config.maxSessionWindow());
    this.guard = new PeerGuard(role, this.config, now());
    this.nextStreamId = role.firstStreamId();
    if (this.config.pingOnStart()) {
      // Window auto-tuning needs an RTT sample; js-libp2p-yamux pings at start for the same reason.
      ping();
    }
  }

  public Role role() {
    return role;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Open streams, inbound and outbound. */
  public int streamCount() {
    return streams.size();
  }

  /** Bytes held for an incomplete frame, and that frame's header or null (for tests). */
  int heldBytes() {
    return reader.heldBytes();
  }

  FrameHeader pendingHeader() {
    return reader.pendingHeader();
  }

  /** Closed streams remembered with credit the peer still holds (for tests). */
  int rememberedClosedStreams() {
    return guard.rememberedClosedStreams();
  }

  /** The latest ping round-trip time in nanoseconds, or -1 if none was measured yet. */
  public long rttNanos() {
    return pings.rttNanos();
  }

  /**
   * Feeds bytes read from the wire; any split or batching of frames is fine. Does not take
   * ownership of {@code bytes}. Never throws; after a close the bytes are ignored.
   */
  public void receive(ByteBuf bytes) {
    reader.receive(bytes);
  }

  /** Opens an outbound stream (announced with WINDOW_UPDATE|SYN). */
  public YamuxStream openStream() {
    if (closed) {
      throw new YamuxGoAwayException(GoAwayCode.NORMAL, "session is closed");
    }
    if (remoteGoAway) {
      throw new YamuxGoAwayException(GoAwayCode.NORMAL, "peer sent GO_AWAY; no new streams");
    }
    if (nextStreamId > FrameHeader.MAX_U32) {
      throw new YamuxException(GoAwayCode.INTERNAL_ERROR, "stream ids exhausted");
    }
    if (!streams.fits(config.initialStreamWindow())) {
      throw new YamuxException(GoAwayCode.INTERNAL_ERROR, "session window budget: "
          + streams.totalWindow() + " bytes of receive window in use, no room for another stream");
    }
    YamuxStream stream = newStream(nextStreamId, false);
    nextStreamId += 2;
    stream.sendSyn();
    return stream;
  }

  /** Sends PING|SYN; completes with the round-trip time, or fails if the session ends. */
  public CompletableFuture<Duration> ping() {
    CompletableFuture<Duration> result = new CompletableFuture<>();
    long opaque = closed ? -1 : pings.start(now(), result);
    if (opaque < 0) {
      result.completeExceptionally(new YamuxException(GoAwayCode.NORMAL,
          closed ? "session is closed" : "too many pings outstanding"));
      return result;
    }
    send(FrameHeader.ping(Flags.SYN, opaque), Unpooled.EMPTY_BUFFER);
    return result;
  }

  /**
   * The transport below cannot take more now (its link or socket is out of credit): DATA
   * frames wait in their streams' bounded send queues, so writers see {@link YamuxStream#isWritable()}
   * turn false, until {@link #resumeOutput()}. Control frames still go out, but only
   * {@code maxControlBacklog} bytes of them: a peer that keeps asking (pings, streams,
   * window updates) while not reading the answers fails the session with GO_AWAY.
   */
  public void pauseOutput() {
    out.pause();
  }

  /** The transport below drained: DATA queued while paused flows again. */
  public void resumeOutput() {
    if (closed || !out.resume()) {
      return;
    }
    for (YamuxStream stream : streams.snapshot()) {
      if (out.isPaused()) {
        return;
      }
      stream.flushQueued();
    }
  }

  public boolean isOutputPaused() {
    return out.isPaused();
  }

  /** Bytes of control frames sent while output is paused, not yet cleared by a resume. */
  public long controlBacklog() {
    return out.controlBacklog();
  }

  /** Sends GO_AWAY(NORMAL), resets all streams locally and ends the session. Idempotent. */
  public void close() {
    shutdown(null, GoAwayCode.NORMAL);
  }

  // ---- inbound frames ----

  /** The longest DATA payload the decoder may wait for; see {@link PeerGuard#maxDataLength}. */
  long maxDataLength(FrameHeader header) {
    return guard.maxDataLength(header, streams.get(header.streamId()), nextStreamId);
  }

  private void dispatch(FrameHeader header, ByteBuf payload) {
    switch (header.type()) {
      case DATA, WINDOW_UPDATE -> onStreamFrame(header, payload);
      case PING -> onPing(header);
      case GO_AWAY -> onGoAway(header);
      default -> throw new IllegalStateException("unreachable: " + header);
    }
  }

  private void onStreamFrame(FrameHeader header, ByteBuf payload) {
    long id = header.streamId();
    YamuxStream stream = streams.get(id);
    boolean accepted = false;
    try {
      if (header.has(Flags.SYN)) {
        if (stream != null || !role.isPeerStreamId(id)) {
          throw new YamuxProtocolException("bad SYN: " + header);
        }
        guard.onSyn(id, now());
        stream = accept(id);
        accepted = stream != null;
      } else if (stream == null) {
        guard.checkExisted(id, nextStreamId, header);
      }
    } catch (YamuxException e) {
      payload.release();
      throw e;
    }
    if (stream == null) {
      // A closed (or just refused) stream: drop within what the peer may still send there,
      // never answer with RST (late frames after our RST or FIN are normal).
      int bytes = payload.readableBytes();
      payload.release();
      guard.dropOnClosed(id, bytes);
      return;
    }
    if (header.type() == FrameType.DATA) {
      stream.onData(payload);
    } else {
      stream.onWindowUpdate(header.length());
    }
    if (header.has(Flags.RST)) {
      stream.onRemoteReset(new YamuxStreamResetException(header.streamId(), "reset by peer", null));
    } else if (header.has(Flags.FIN)) {
      stream.onRemoteFin();
    }
    if (accepted) {
      stream.ackIfPending();
    }
  }

  private YamuxStream accept(long id) {
    String refusal = streams.refusal(config.maxInboundStreams(), config.initialStreamWindow());
    if (refusal != null) {
      LOG.debug("yamux: refusing inbound stream {}: {}", id, refusal);
      sendWindowUpdate(id, Flags.RST, 0);
      // The peer may already have sent DATA under the spec window it assumed.
      guard.closedStream(id, YamuxConfig.SPEC_INITIAL_WINDOW);
      return null;
    }
    YamuxStream stream = newStream(id, true);
    runGuarded(stream, () -> listener.onStream(stream));
    return stream;
  }

  private void onPing(FrameHeader header) {
    if (header.has(Flags.SYN)) {
      guard.onPingSyn(now());
      send(FrameHeader.ping(Flags.ACK, header.length()), Unpooled.EMPTY_BUFFER);
    } else if (header.has(Flags.ACK)) {
      pings.acked(header.length(), now());
    }
  }

  private void onGoAway(FrameHeader header) {
    GoAwayCode code = GoAwayCode.fromWire(header.length());
    if (code != GoAwayCode.NORMAL) {
      shutdown(new YamuxGoAwayException(code, "peer sent GO_AWAY " + header.length()), null);
      return;
    }
    // Normal: the peer takes no new streams; running ones may finish, then we are done.
    remoteGoAway = true;
    if (streams.isEmpty()) {
      shutdown(null, null);
    }
  }

  // ---- used by streams ----

  YamuxConfig config() {
    return config;
  }

  void sendData(long id, int flags, ByteBuf payload) {
    send(FrameHeader.data(id, flags, payload.readableBytes()), payload);
  }

  void sendWindowUpdate(long id, int flags, long delta) {
    send(FrameHeader.windowUpdate(id, flags, delta), Unpooled.EMPTY_BUFFER);
  }

  /**
   * The window delta to advertise now. Each update that goes out also sends an RTT probe
   * when none is in flight, as rust-yamux does: a ping queued behind the data measures the
   * round trip under load, which auto-tuning needs. The one ping at start only sees an idle
   * path, and on a fast link every half-window update then looks slower than 2 RTTs, so
   * the window would never grow.
   */
  long takeWindowUpdate(ReceiveWindow window, boolean force) {
    long delta = window.takeUpdate(force, now(), pings.rttNanos(), streams);
    if (delta > 0 && !force && !closed && !out.isPaused()) {
      long opaque = pings.startProbe(now());
      if (opaque >= 0) {
        send(FrameHeader.ping(Flags.SYN, opaque), Unpooled.EMPTY_BUFFER);
      }
    }
    return delta;
  }

  void removeStream(YamuxStream stream) {
    if (!streams.remove(stream)) {
      return;
    }
    guard.closedStream(stream.id(), stream.peerCredit());
    if (remoteGoAway && streams.isEmpty()) {
      shutdown(null, null);
    }
  }

  /** Runs application code; if it throws, the stream is reset rather than the session. */
  void runGuarded(YamuxStream stream, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("yamux: handler of stream {} failed; resetting the stream", stream.id(), e);
      stream.reset();
    }
  }

  // ---- internals ----

  private YamuxStream newStream(long id, boolean inbound) {
    ReceiveWindow window = new ReceiveWindow(
        config.initialStreamWindow(), config.maxStreamWindow(), now());
    YamuxStream stream = new YamuxStream(this, id, inbound, window);
    streams.add(stream);
    return stream;
  }

  /**
   * Sends one frame. If it is a control frame that would take a paused output past
   * {@code maxControlBacklog}, the peer is taken not to read: the session fails instead
   * (GO_AWAY goes out as the last frame).
   */
  private void send(FrameHeader header, ByteBuf payload) {
    if (closed) {
      payload.release();
    } else if (!out.send(header, payload)) {
      fail(new YamuxException(GoAwayCode.INTERNAL_ERROR, "the peer does not read: "
          + out.controlBacklog() + " control bytes pending (limit " + out.maxControlBacklog() + ")"));
    }
  }

  private long now() {
    return config.clock().getAsLong();
  }

  private void fail(YamuxException e) {
    LOG.debug("yamux: closing session: {}", e.getMessage());
    GoAwayCode code = e.code() == GoAwayCode.NORMAL ? GoAwayCode.INTERNAL_ERROR : e.code();
    shutdown(e, code);
  }

  /** Ends the session once: optional GO_AWAY, every stream reset, pings failed, owner told. */
  private void shutdown(Throwable cause, GoAwayCode goAway) {
    if (closed) {
      return;
    }
    if (goAway != null) {
      try {
        out.write(FrameHeader.goAway(goAway), Unpooled.EMPTY_BUFFER);
      } catch (RuntimeException e) {
        // The transport is probably gone already; closing must still complete.
        LOG.debug("yamux: could not send GO_AWAY: {}", e.toString());
      }
    }
    closed = true;
    for (YamuxStream stream : streams.snapshot()) {
      stream.onRemoteReset(new YamuxStreamResetException(stream.id(), "ended with its session", cause));
    }
    pings.failAll(cause != null ? cause : new YamuxGoAwayException(GoAwayCode.NORMAL, "session closed"));
    reader.releaseIfIdle();
    try {
      listener.onClose(cause);
    } catch (RuntimeException e) {
      LOG.warn("yamux: onClose listener failed", e);
    }
  }
}
