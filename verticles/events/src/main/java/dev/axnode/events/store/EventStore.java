package dev.axnode.events.store;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.events.replication.ReplicationLog;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The durable event log of one topic: one SQLite file in {@code <dataDir>/events/}. All JDBC
 * writes run on one dedicated worker thread (group commits, in order), reads on another with
 * their own connection. Every public method is called on the events verticle's context and
 * completes there. It is the {@link ReplicationLog} the replication code works on.
 */
public final class EventStore implements ReplicationLog {

  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);

  private final Vertx vertx;
  private final String topic;
  private final String source;
  private final PayloadKeys keys;
  private final WorkerExecutor writer;
  private final WorkerExecutor reader;
  private final List<Handler<EventBlock>> listeners = new CopyOnWriteArrayList<>();
  private EventDb db;
  private EventReads reads;
  private GroupCommit commits;
  private OffsetMap present = OffsetMap.EMPTY;
  private long lamport = -1;
  private boolean closing;

  private EventStore(Vertx vertx, String topic, String source, PayloadKeys keys) {
    this.vertx = vertx;
    this.topic = topic;
    this.source = source;
    this.keys = keys;
    String id = UUID.randomUUID().toString();
    this.writer = vertx.createSharedWorkerExecutor("ax-events-writer-" + id, 1);
    this.reader = vertx.createSharedWorkerExecutor("ax-events-reader-" + id, 1);
  }

  /** How long, at most, an idle writer waits for the clients its last commit answered (the default). */
  public static final long DEFAULT_COMMIT_WAIT_MS = 1;

  /** Opens (or creates) the file of {@code topic} in {@code dir} for the node {@code source}. */
  public static Future<EventStore> open(Vertx vertx, Path dir, String topic, String source, PayloadKeys keys) {
    return open(vertx, dir, topic, source, keys, DEFAULT_COMMIT_WAIT_MS);
  }

  /** As {@link #open(Vertx, Path, String, String, PayloadKeys)}, the writer waiting up to {@code commitWaitMs} (≥ 1) for answered clients. */
  public static Future<EventStore> open(Vertx vertx, Path dir, String topic, String source, PayloadKeys keys,
                                        long commitWaitMs) {
    EventStore store = new EventStore(vertx, topic, source, keys);
    return store.writer.executeBlocking(() -> {
          EventDb.createDirectory(dir);
          EventDb opened = EventDb.open(EventDb.fileOf(dir, topic), topic);
          store.db = opened;
          store.reads = new EventReads(opened.openReader());
          return opened.state();
        })
        .map(state -> {
          store.commits = new GroupCommit(vertx, store, keys, commitWaitMs);
          store.reset(state);
          LOG.info("event store {} of topic \"{}\" opened: {} source(s), lamport {}", store.db.file(), topic,
              state.present().asMap().size(), state.lamport());
          return store;
        })
        .compose(EventStore::replayGrants)
        .recover(e -> store.shutdown().transform(ignored -> Future.failedFuture(new AxException(ErrorCode.IO,
            "cannot open the event store of topic \"" + topic + "\" in " + dir + ": " + e.getMessage()))));
  }

  /**
   * Hands every stored key grant to the stream keys before the store serves anything: which
   * grants count is worked out from all of them and kept only in memory, so without this a
   * restarted node would know no key of its encrypted families.
   */
  private Future<EventStore> replayGrants() {
    return reader.executeBlocking(() -> reads.ofSemantics(PayloadKeys.GRANT_SEMANTICS))
        .map(grants -> {
          grants.forEach(keys::observe);
          return this;
        });
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public OffsetMap present() {
    return present;
  }

  /** The node ID of this node: the source of the events it publishes. */
  public String source() {
    return source;
  }

  /** The highest Lamport time held (-1: none). */
  public long lamport() {
    return lamport;
  }

  /** Publishes {@code events} as this node's; completes with them as stored, once durable. */
  public Future<List<StoredEvent>> publish(List<NewEvent> events) {
    if (closing) {
      return Future.failedFuture(closingFailure());
    }
    return commits.publish(events);
  }

  /** One page of {@code ax.events.query}. */
  public Future<JsonObject> query(JsonObject request) {
    Query query;
    try {
      query = Query.parse(request, present);
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
    return reader.executeBlocking(() -> reads.page(query)).compose(rows -> QueryPage.build(query, rows, keys));
  }

  @Override
  public Future<List<EventBlock>> blocks(String source, long from, int maxEvents, int maxBytes) {
    return reader.executeBlocking(() -> reads.blocks(source, from, maxEvents, maxBytes));
  }

  @Override
  public Future<Void> append(EventBlock block, String peer) {
    if (block.last() <= present.get(block.source())) {
      return Future.succeededFuture();
    }
    if (closing) {
      return Future.failedFuture(closingFailure());
    }
    return commits.append(block, peer);
  }

  @Override
  public Runnable onStored(Handler<EventBlock> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Stops taking work, finishes what was queued, closes the file. */
  public Future<Void> close() {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    return (commits == null ? Future.<Void>succeededFuture() : commits.idle()).transform(ar -> shutdown());
  }

  private Future<Void> shutdown() {
    return writer.<Void>executeBlocking(() -> {
      try (EventDb ignored = db; EventReads alsoIgnored = reads) {
        return null;
      }
    }).onFailure(e -> LOG.warn("closing the event store of topic \"{}\" failed", topic, e))
        .transform(ar -> Future.all(writer.close(), reader.close()).mapEmpty());
  }

  Future<CommitResult> write(long ownLast, List<EventBlock> ownBlocks, List<EventBlock> replicated) {
    return writer.executeBlocking(() -> {
      List<EventDb.Candidate> candidates = new ArrayList<>(replicated.size());
      for (EventBlock block : replicated) {
        candidates.add(new EventDb.Candidate(block, BlockVerifier.refusal(block)));
      }
      return db.commit(source, ownLast, ownBlocks, candidates);
    });
  }

  Future<Void> reload() {
    return writer.executeBlocking(() -> db.state()).map(state -> {
      reset(state);
      return null;
    });
  }

  /** After a commit: the new state, then EVENTS_APPENDED, the listeners and the keys see the stored blocks. */
  void committed(List<EventBlock> stored, long ownLamport) {
    if (stored.isEmpty()) {
      return;
    }
    JsonObject grown = new JsonObject();
    long highest = Math.max(lamport, ownLamport);
    for (EventBlock block : stored) {
      present = present.with(block.source(), block.last());
      grown.put(block.source(), block.last());
      for (StoredEvent e : block.events()) {
        highest = Math.max(highest, e.lamport());
      }
    }
    lamport = highest;
    vertx.eventBus().publish(Addresses.EVENTS_APPENDED, new JsonObject().put("present", grown));
    for (EventBlock block : stored) {
      listeners.forEach(listener -> listener.handle(block));
      block.events().forEach(keys::observe);
    }
  }

  private void reset(StoreState state) {
    present = state.present();
    lamport = state.lamport();
  }

  private static AxException closingFailure() {
    return new AxException(ErrorCode.NODE_UNREACHABLE, "the event store is closing (topic change or verticle swap)");
  }
}
