package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sending half of a session after HELLO: answers the peer's WANTs with whole blocks and a
 * DONE, pushes new blocks live to a peer caught up for their source, and tells it HAVE
 * otherwise. Bulk goes out only while the channel is writable (the yamux window), and one
 * batch is held at a time, so a slow peer costs at most {@link #BATCH_BYTES} here.
 */
final class Outbox {

  /** Events and payload bytes fetched for one answer: what one stream holds in memory at most. */
  static final int BATCH_EVENTS = 10_000;
  static final int BATCH_BYTES = 4 * 1024 * 1024;
  /** WANTs of one peer waiting to be answered; one per source, so more means a misbehaving peer. */
  static final int MAX_PENDING_WANTS = 256;

  private final ReplicationLog log;
  private final DuplexChannel channel;
  private final Consumer<Throwable> onFailure;
  /** What the peer holds as far as this side knows: its HELLO, its WANTs, its HAVEs and DONEs, what was sent. */
  private final Map<String, Long> peerHas = new HashMap<>();
  private final ArrayDeque<ReplicationFrame.Want> wants = new ArrayDeque<>();
  private final Map<String, ReplicationFrame.Want> serving = new HashMap<>();
  private final LinkedHashMap<String, Long> haves = new LinkedHashMap<>();
  private ReplicationFrame.Want current;
  private ArrayDeque<EventBlock> batch;
  private boolean fetching;
  private boolean stopped;

  Outbox(ReplicationLog log, DuplexChannel channel, Consumer<Throwable> onFailure) {
    this.log = log;
    this.channel = channel;
    this.onFailure = onFailure;
  }

  /** The highest offset of {@code source} the peer holds, -1 when unknown. */
  long peerHighest(String source) {
    return peerHas.getOrDefault(source, -1L);
  }

  /** The peer holds {@code source} at least up to {@code highest}. */
  void peerHolds(String source, long highest) {
    if (highest >= 0) {
      peerHas.merge(source, highest, Math::max);
    }
  }

  /** Queues the peer's WANT; ReplicationProtocolException for a second one of a source or too many. */
  void want(ReplicationFrame.Want want) {
    if (serving.containsKey(want.source())) {
      throw new ReplicationProtocolException("a second WANT of " + want.source() + " before its DONE");
    }
    if (serving.size() >= MAX_PENDING_WANTS) {
      throw new ReplicationProtocolException("more than " + MAX_PENDING_WANTS + " WANTs waiting");
    }
    peerHolds(want.source(), want.from() - 1);
    serving.put(want.source(), want);
    wants.add(want);
    pump();
  }

  /** A block became durable here: push it to a caught-up peer, else announce it. Never throws into the store. */
  void stored(EventBlock block) {
    try {
      push(block);
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  private void push(EventBlock block) {
    String source = block.source();
    long theirs = peerHighest(source);
    if (stopped || theirs >= block.last()) {
      return;
    }
    if (theirs == block.first() - 1 && !serving.containsKey(source) && channel.writable()) {
      send(new ReplicationFrame.Block(block));
      peerHolds(source, block.last());
      return;
    }
    haves.merge(source, block.last(), Math::max);
    pump();
  }

  /** Announces {@code highest} of {@code source} as a HAVE (e.g. grown between our HELLO and theirs). */
  void announce(String source, long highest) {
    if (highest > peerHighest(source)) {
      haves.merge(source, highest, Math::max);
      pump();
    }
  }

  void stop() {
    stopped = true;
    batch = null;
    wants.clear();
  }

  /**
   * Writes while the channel has room: the current batch, its DONE, HAVEs, then the next WANT's
   * fetch. Called from the drain handler and fetch completions too, so a failure (a block the
   * store made too large to send, say) ends the session instead of escaping into Vert.x.
   */
  void pump() {
    try {
      pumpOnce();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
  }

  private void pumpOnce() {
    while (!stopped && channel.writable()) {
      if (batch != null && !batch.isEmpty()) {
        EventBlock block = batch.poll();
        send(new ReplicationFrame.Block(block));
        peerHolds(block.source(), block.last());
      } else if (batch != null) {
        send(new ReplicationFrame.Done(current.source(), log.present().next(current.source())));
        serving.remove(current.source());
        batch = null;
        current = null;
      } else if (!sendOneHave() && !fetchNext()) {
        return;
      }
    }
  }

  /** Sends the first pending HAVE the peer still needs and whose source is not being served. */
  private boolean sendOneHave() {
    Iterator<Map.Entry<String, Long>> entries = haves.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, Long> entry = entries.next();
      if (entry.getValue() <= peerHighest(entry.getKey())) {
        entries.remove();
      } else if (!serving.containsKey(entry.getKey())) {
        entries.remove();
        send(new ReplicationFrame.Have(entry.getKey(), entry.getValue() + 1));
        return true;
      }
    }
    return false;
  }

  /** Starts fetching the answer to the next WANT; false when there is none or one is being fetched. */
  private boolean fetchNext() {
    if (fetching || wants.isEmpty()) {
      return false;
    }
    current = wants.poll();
    fetching = true;
    Future<List<EventBlock>> blocks = log.blocks(current.source(), current.from(),
        Math.min(current.maxEvents(), BATCH_EVENTS), BATCH_BYTES);
    blocks.onComplete(ar -> {
      fetching = false;
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        onFailure.accept(ar.cause());
        return;
      }
      batch = new ArrayDeque<>(ar.result());
      pump();
    });
    return false;
  }

  private void send(ReplicationFrame frame) {
    channel.write(FrameCodec.encode(frame));
  }
}
