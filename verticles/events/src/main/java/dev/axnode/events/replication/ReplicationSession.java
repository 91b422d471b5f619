package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One replication stream with one peer ({@code /ax/events/1.0.0}, REPLICATION.md): sends HELLO,
 * checks the peer's, pulls what the peer holds beyond this node with one WANT per source at a
 * time, stores every received block through {@link ReplicationLog#append} (which verifies it)
 * with input paused meanwhile, and lets its {@link Outbox} answer the peer. A protocol error or
 * a refused block ends the stream with an ERROR frame and an error end, logged once naming the
 * peer. Use from one context (the log's).
 */
public final class ReplicationSession {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationSession.class);
  /** Events asked for in one WANT. */
  static final int WANT_EVENTS = Outbox.BATCH_EVENTS;
  /** Sources pulled at once; the rest wait in order, so a peer with many sources costs little memory. */
  static final int MAX_OUTSTANDING_WANTS = 16;
  /**
   * Received blocks handed to the store and not yet durable. More than one at a time lets the
   * store's group commit write a whole batch in one transaction (one fsync for a WANT's answer
   * instead of one per block); input pauses at either bound, so a peer still cannot make the
   * node hold more than this.
   */
  static final int MAX_PENDING_BLOCKS = 8;
  private static final String TOPIC_MISMATCH = "topic mismatch";
  /**
   * Peers and topic pairs whose mismatch was logged at WARN: the dialing side retries a refused
   * stream with a backoff for as long as the connection lasts (the other side may switch topic),
   * and a lasting difference would otherwise be a WARN a minute per peer, forever. Bounded.
   */
  private static final Set<String> TOPIC_MISMATCHES_LOGGED = ConcurrentHashMap.newKeySet();
  static final long MAX_PENDING_BYTES = 4L << 20;

  private final ReplicationLog log;
  private final DuplexChannel channel;
  private final String peer;
  private final Handler<String> onEnd;
  private final FrameDecoder decoder = new FrameDecoder();
  private final Outbox outbox;
  /** Sources with a WANT out, and the offset each asked from. */
  private final Map<String, Long> wanting = new HashMap<>();
  private final LinkedHashSet<String> deferred = new LinkedHashSet<>();
  private OffsetMap announced;
  private boolean helloReceived;
  private boolean busy;
  /** Per source, the last offset of the blocks handed to the store and not yet durable. */
  private final Map<String, Long> pendingUpTo = new HashMap<>();
  private int pendingBlocks;
  private long pendingBytes;
  private boolean draining;
  private boolean ended;
  private Runnable stopListening = () -> { };

  /**
   * @param peer  the peer's node ID, for the log
   * @param onEnd runs once when the stream ends, with null for a clean end or why it failed
   */
  public ReplicationSession(ReplicationLog log, DuplexChannel channel, String peer, Handler<String> onEnd) {
    this.log = log;
    this.channel = channel;
    this.peer = peer;
    this.onEnd = onEnd;
    this.outbox = new Outbox(log, channel, this::sendingFailed);
  }

  /** Sends HELLO and starts reading. */
  public void start() {
    announced = log.present();
    channel.write(FrameCodec.encode(new ReplicationFrame.Hello(FrameCodec.VERSION, log.topic(), announced)));
    stopListening = log.onStored(this::stored);
    channel.drainHandler(v -> outbox.pump());
    channel.endHandler(this::peerEnded);
    // last: the channel may hand over at once what arrived before the session started
    channel.handler(this::received);
  }

  /** Whether the peer's HELLO arrived and matched (the session replicated, perhaps ended since). */
  public boolean greeted() {
    return helloReceived;
  }

  public boolean ended() {
    return ended;
  }

  /** Ends the stream from this side (node stopping, topic changed, connection gone): clean when {@code error} is null. */
  public void end(String error) {
    finish(error, true);
  }

  private void received(Buffer data) {
    decoder.feed(data);
    drain();
  }

  /** Handles buffered frames one at a time until one needs the store. */
  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!busy && !ended) {
        ReplicationFrame frame = decoder.next();
        if (frame == null) {
          return;
        }
        handle(frame);
      }
    } catch (ReplicationProtocolException e) {
      refuse(ErrorCode.INVALID_INPUT, e.getMessage());
    } catch (RuntimeException e) {
      // a bug here must not leave the stream hanging: log the stack once, end this stream only
      LOG.error("replication with {}: internal error", peer, e);
      sendError(ErrorCode.INTERNAL_ERROR, "internal error");
      finish("internal error: " + e, true);
    } finally {
      draining = false;
    }
  }

  private void handle(ReplicationFrame frame) {
    LOG.trace("replication from {}: {}", peer, frame.type());
    if (!helloReceived && !(frame instanceof ReplicationFrame.Hello)) {
      throw new ReplicationProtocolException("a " + frame.type() + " frame before HELLO");
    }
    if (frame instanceof ReplicationFrame.Hello hello) {
      hello(hello);
    } else if (frame instanceof ReplicationFrame.Want want) {
      outbox.want(want);
    } else if (frame instanceof ReplicationFrame.Block block) {
      block(block.block());
    } else if (frame instanceof ReplicationFrame.Done done) {
      Long from = wanting.remove(done.source());
      if (from == null) {
        throw new ReplicationProtocolException("a DONE of " + done.source() + " without a WANT");
      }
      long held = held(done.source());
      if (held < from && done.next() > from) {
        // it claims what was asked for but sent none of it: pulling again would loop forever
        throw new ReplicationProtocolException("a DONE of " + done.source() + " claiming offset " + (done.next() - 1)
            + " after sending nothing from " + from);
      }
      outbox.peerHolds(done.source(), done.next() - 1);
      pullIfBehind(done.source());
      pullDeferred();
    } else if (frame instanceof ReplicationFrame.Have have) {
      outbox.peerHolds(have.source(), have.next() - 1);
      pullIfBehind(have.source());
    } else if (frame instanceof ReplicationFrame.Error error) {
      if (error.message().startsWith(TOPIC_MISMATCH)) {
        logTopicMismatchOnce("replication with {} ended by the peer: {} ({})", error.message(), error.code());
      } else {
        LOG.warn("replication with {} ended by the peer: {} ({})", peer, error.message(), error.code());
      }
      finish("the peer ended replication: " + error.message(), true);
    }
  }

  private void hello(ReplicationFrame.Hello hello) {
    if (helloReceived) {
      throw new ReplicationProtocolException("a second HELLO");
    }
    if (hello.version() != FrameCodec.VERSION) {
      throw new ReplicationProtocolException("version " + hello.version() + ", this node speaks " + FrameCodec.VERSION);
    }
    if (!hello.topic().equals(log.topic())) {
      String why = TOPIC_MISMATCH + ": this node replicates \"" + log.topic() + "\", peer " + peer + " \""
          + hello.topic() + "\"";
      logTopicMismatchOnce("replication with {} refused: {}", why, null);
      sendError(ErrorCode.INVALID_INPUT, why);
      finish(why, true);
      return;
    }
    helloReceived = true;
    hello.present().asMap().forEach((source, highest) -> {
      outbox.peerHolds(source, highest);
      pullIfBehind(source);
    });
    // blocks stored between our HELLO and now were never announced
    log.present().asMap().forEach((source, highest) -> {
      if (highest > announced.get(source)) {
        outbox.announce(source, highest);
      }
    });
    outbox.pump();
  }

  private void block(EventBlock block) {
    String source = block.source();
    outbox.peerHolds(source, block.last());
    long held = held(source);
    if (block.last() <= held) {
      return;
    }
    if (block.first() > held + 1) {
      pullIfBehind(source);
      return;
    }
    long bytes = payloadBytes(block);
    pendingUpTo.put(source, block.last());
    pendingBlocks++;
    pendingBytes += bytes;
    if (pendingBlocks >= MAX_PENDING_BLOCKS || pendingBytes >= MAX_PENDING_BYTES) {
      busy = true;
      channel.pause();
    }
    log.append(block, peer).onComplete(ar -> {
      pendingBlocks--;
      pendingBytes -= bytes;
      pendingUpTo.remove(source, block.last());
      if (ended) {
        return;
      }
      if (ar.failed()) {
        AxException failure = AxException.from(ar.cause());
        String why = "block " + source + " " + block.first() + ".." + block.last() + " refused: " + failure.getMessage();
        LOG.warn("replication with {}: {}", peer, why);
        sendError(failure.code(), why);
        finish(why, true);
        return;
      }
      if (busy && pendingBlocks < MAX_PENDING_BLOCKS && pendingBytes < MAX_PENDING_BYTES) {
        busy = false;
        drain();
        if (!busy && !ended) {
          channel.resume();
        }
      }
    });
  }

  private void logTopicMismatchOnce(String format, String why, Object code) {
    if (TOPIC_MISMATCHES_LOGGED.size() > 1024) {
      TOPIC_MISMATCHES_LOGGED.clear();
    }
    if (TOPIC_MISMATCHES_LOGGED.add(peer + " " + why)) {
      LOG.warn(format, peer, why, code);
    } else {
      LOG.debug(format, peer, why, code);
    }
  }

  /** The last offset of {@code source} stored or on its way into the store from this stream; -1 for none. */
  private long held(String source) {
    long stored = log.present().get(source);
    Long pending = pendingUpTo.get(source);
    return pending == null ? stored : Math.max(stored, pending);
  }

  private static long payloadBytes(EventBlock block) {
    long bytes = 0;
    for (var event : block.events()) {
      bytes += event.payload().length;
    }
    return bytes;
  }

  /** Sends a WANT of {@code source} if the peer holds more of it and none is outstanding. */
  private void pullIfBehind(String source) {
    long mine = held(source);
    if (ended || outbox.peerHighest(source) <= mine || wanting.containsKey(source)) {
      return;
    }
    if (wanting.size() >= MAX_OUTSTANDING_WANTS) {
      deferred.add(source);
      return;
    }
    wanting.put(source, mine + 1);
    channel.write(FrameCodec.encode(new ReplicationFrame.Want(source, mine + 1, WANT_EVENTS)));
  }

  private void pullDeferred() {
    while (!deferred.isEmpty() && wanting.size() < MAX_OUTSTANDING_WANTS) {
      String source = deferred.iterator().next();
      deferred.remove(source);
      pullIfBehind(source);
    }
  }

  private void stored(EventBlock block) {
    if (helloReceived && !ended) {
      outbox.stored(block);
    }
  }

  /** Reading blocks from the store or writing them failed: this stream ends, the stack is logged once. */
  private void sendingFailed(Throwable cause) {
    if (ended) {
      return;
    }
    LOG.warn("replication with {}: sending blocks failed", peer, cause);
    sendError(ErrorCode.INTERNAL_ERROR, "sending blocks failed");
    finish("sending blocks failed: " + cause.getMessage(), true);
  }

  private void refuse(ErrorCode code, String why) {
    LOG.warn("replication with {} ended: {}", peer, why);
    sendError(code, why);
    finish(why, true);
  }

  private void sendError(ErrorCode code, String message) {
    if (!ended) {
      channel.write(FrameCodec.encode(new ReplicationFrame.Error(code.number(), message)));
    }
  }

  private void peerEnded(String error) {
    if (error != null) {
      LOG.debug("replication stream of {} reset: {}", peer, error);
    }
    finish(error, error == null);
  }

  /** Ends once: stops listening, ends our side if asked, tells the owner. */
  private void finish(String error, boolean endOurSide) {
    if (ended) {
      return;
    }
    ended = true;
    stopListening.run();
    outbox.stop();
    if (endOurSide) {
      channel.end(error);
    }
    onEnd.handle(error);
  }
}
