package dev.axnode.yamux;

/**
 * The rules a session applies to what the peer sends, apart from windows: which stream
 * ids may carry frames, how fast streams may be opened and pings asked for, and what
 * late DATA for a stream we closed may still cost. Every refusal is a
 * {@link YamuxProtocolException}, so the session answers GO_AWAY(PROTOCOL_ERROR) and closes.
 *
 * <p>Stream ids: the peer opens its streams with increasing ids (every implementation
 * allocates them that way; concurrent opens may let a SYN overtake a lower one, so a SYN
 * below the highest is still accepted). An id of the peer's parity above the highest SYN
 * seen, or of ours at or above the next id we would use, never existed: a frame for it is
 * an error, never buffered and never ignored. An id that did exist but is no longer open
 * is a closed stream; see {@link ClosedStreams}. Not thread-safe.
 */
final class PeerGuard {

  private final Role role;
  private final YamuxConfig config;
  private final TokenBucket opens;
  private final TokenBucket pings;
  private final ClosedStreams closed = new ClosedStreams();
  private long highestPeerStreamId;

  PeerGuard(Role role, YamuxConfig config, long nowNanos) {
    this.role = role;
    this.config = config;
    this.opens = new TokenBucket(config.maxStreamOpensPerSecond(), config.streamOpenBurst(), nowNanos);
    this.pings = new TokenBucket(config.maxPingsPerSecond(), config.pingBurst(), nowNanos);
  }

  /** The peer opens stream {@code id}: the caller checked parity and that it is not open. */
  void onSyn(long id, long nowNanos) {
    if (!opens.tryTake(nowNanos)) {
      throw new YamuxProtocolException("stream churn: more than " + config.maxStreamOpensPerSecond()
          + " stream opens per second (burst " + config.streamOpenBurst() + ")");
    }
    highestPeerStreamId = Math.max(highestPeerStreamId, id);
    closed.forget(id);
  }

  /** The peer asks for a PING answer. */
  void onPingSyn(long nowNanos) {
    if (!pings.tryTake(nowNanos)) {
      throw new YamuxProtocolException("ping flood: more than " + config.maxPingsPerSecond()
          + " pings per second (burst " + config.pingBurst() + ")");
    }
  }

  /**
   * Throws unless {@code id} names a stream that was opened at some time, by either side;
   * {@code nextOwnId} is the id our next outbound stream would get.
   */
  void checkExisted(long id, long nextOwnId, FrameHeader header) {
    boolean existed = id != 0
        && (role.isPeerStreamId(id) ? id <= highestPeerStreamId : id < nextOwnId);
    if (!existed) {
      throw new YamuxProtocolException("frame for stream " + id + " that was never opened: " + header);
    }
  }

  /** A stream left the session while the peer could still send {@code credit} bytes on it. */
  void closedStream(long id, long credit) {
    closed.remember(id, credit);
  }

  /**
   * The longest DATA payload the decoder may wait for, given the open stream the header
   * names (or null): that stream's credit, the spec window for a new stream (the peer
   * assumes it until our ACK), what is left of a closed stream's window. A never-opened
   * stream fails here, on the header, before any payload is held.
   */
  long maxDataLength(FrameHeader header, YamuxStream open, long nextOwnId) {
    if (header.has(Flags.SYN)) {
      return YamuxConfig.SPEC_INITIAL_WINDOW;
    }
    if (open != null) {
      return open.window().credit();
    }
    checkExisted(header.streamId(), nextOwnId, header);
    return closed.credit(header.streamId());
  }

  /** Drops DATA for a closed stream, charging it to the credit the peer had there. */
  void dropOnClosed(long id, int bytes) {
    closed.charge(id, bytes);
  }

  int rememberedClosedStreams() {
    return closed.size();
  }
}
