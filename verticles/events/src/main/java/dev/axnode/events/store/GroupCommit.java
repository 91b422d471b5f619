package dev.axnode.events.store;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's write path. Publishes and replicated blocks queue here; while one group
 * commits, the next gathers, and then all that queued (up to {@link #MAX_GROUP_EVENTS}) goes
 * as one group: own events get offsets, Lamport times and timestamps, encrypted families are
 * sealed, the events are cut into blocks and signed by the keystore, replicated blocks are
 * verified, and everything is written in ONE transaction (one fsync) before any request of
 * the group is answered. A group that fails answers all its requests with the failure; its
 * offsets are taken again by the next group, as nothing of it was committed. Runs on the
 * events verticle's context; database and CPU-heavy work go to workers.
 */
final class GroupCommit {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  /** Events (own and replicated) in one group: a bound on the memory and the time of one transaction. */
  static final int MAX_GROUP_EVENTS = 20_000;
  /** Retries of a group whose own offsets another instance took meanwhile (a swap). */
  private static final int MAX_STALE_RETRIES = 5;

  private final Vertx vertx;
  private final EventStore store;
  private final PayloadKeys keys;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private boolean running;
  private Promise<Void> idle;

  GroupCommit(Vertx vertx, EventStore store, PayloadKeys keys) {
    this.vertx = vertx;
    this.store = store;
    this.keys = keys;
  }

  /** Queues own events; completes with them as stored, once durable. */
  Future<List<StoredEvent>> publish(List<NewEvent> events) {
    for (NewEvent e : events) {
      if (keys.encrypted(e.semantics()) && keys.latestEpoch(e.semantics()) == 0) {
        return Future.failedFuture(new AxException(ErrorCode.EVENTS_NO_KEY, "the events of \"" + e.semantics()
            + "\" are encrypted and this node holds no key for them; ask a key holder for a grant"));
      }
    }
    Job job = new Job(events, null, null);
    enqueue(job);
    return job.published.future();
  }

  /** Queues a replicated block. */
  Future<Void> append(EventBlock block, String peer) {
    Job job = new Job(null, block, peer);
    enqueue(job);
    return job.appended.future();
  }

  /** Completes once nothing is queued or committing. */
  Future<Void> idle() {
    if (!running && queue.isEmpty()) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }

  private void enqueue(Job job) {
    queue.add(job);
    next();
  }

  private void next() {
    if (running) {
      return;
    }
    if (queue.isEmpty()) {
      if (idle != null) {
        idle.complete();
        idle = null;
      }
      return;
    }
    running = true;
    List<Job> group = new ArrayList<>();
    int events = 0;
    while (!queue.isEmpty() && (group.isEmpty() || events + queue.peek().size() <= MAX_GROUP_EVENTS)) {
      Job job = queue.poll();
      events += job.size();
      group.add(job);
    }
    run(group, 0).onComplete(ar -> {
      running = false;
      next();
    });
  }

  private Future<Void> run(List<Job> group, int attempt) {
    List<Job> publishes = group.stream().filter(j -> j.events != null).toList();
    List<Job> appends = group.stream().filter(j -> j.block != null).toList();
    long lamportBefore = store.lamport();
    long ownLast = store.present().get(store.source());
    Map<Job, List<StoredEvent>> assigned = assign(publishes, ownLast + 1, lamportBefore);
    long lamportAfter = lamportBefore + assigned.values().stream().mapToLong(List::size).sum();
    return seal(assigned)
        .compose(v -> vertx.executeBlocking(() -> digests(assigned), false))
        .compose(this::sign)
        .compose(ownBlocks -> store.write(ownLast, ownBlocks, appends.stream().map(j -> j.block).toList()))
        .transform(ar -> {
          if (ar.succeeded()) {
            settle(assigned, appends, ar.result(), lamportAfter);
            return Future.succeededFuture();
          }
          if (ar.cause() instanceof StaleStateException stale && attempt < MAX_STALE_RETRIES) {
            LOG.debug("group retried: {}", stale.getMessage());
            return store.reload().compose(v -> run(group, attempt + 1));
          }
          fail(group, ar.cause());
          return Future.succeededFuture();
        });
  }

  private Map<Job, List<StoredEvent>> assign(List<Job> publishes, long firstOffset, long lamport) {
    Instant now = Instant.now();
    long timestamp = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    long offset = firstOffset;
    Map<Job, List<StoredEvent>> assigned = new LinkedHashMap<>();
    for (Job job : publishes) {
      List<StoredEvent> events = new ArrayList<>(job.events.size());
      for (NewEvent e : job.events) {
        int epoch = keys.encrypted(e.semantics()) ? keys.latestEpoch(e.semantics()) : 0;
        events.add(new StoredEvent(store.source(), offset++, ++lamport, timestamp, e.semantics(), e.name(), epoch, e.payload()));
      }
      assigned.put(job, events);
    }
    return assigned;
  }

  /** Replaces, in place, the payloads of encrypted families by their sealed form. */
  private Future<Void> seal(Map<Job, List<StoredEvent>> assigned) {
    Map<String, List<int[]>> positions = new LinkedHashMap<>();
    List<List<StoredEvent>> lists = new ArrayList<>(assigned.values());
    for (int l = 0; l < lists.size(); l++) {
      for (int i = 0; i < lists.get(l).size(); i++) {
        StoredEvent e = lists.get(l).get(i);
        if (e.encrypted()) {
          positions.computeIfAbsent(e.semantics() + "\u0000" + e.keyEpoch(), k -> new ArrayList<>()).add(new int[] {l, i});
        }
      }
    }
    List<Future<Void>> sealed = new ArrayList<>();
    for (List<int[]> family : positions.values()) {
      List<StoredEvent> events = family.stream().map(p -> lists.get(p[0]).get(p[1])).toList();
      StoredEvent any = events.get(0);
      sealed.add(keys.seal(any.semantics(), any.keyEpoch(), events.stream().map(EventEncoding::header).toList(),
          events.stream().map(StoredEvent::payload).toList()).map(payloads -> {
            for (int k = 0; k < family.size(); k++) {
              StoredEvent e = events.get(k);
              lists.get(family.get(k)[0]).set(family.get(k)[1], new StoredEvent(e.source(), e.offset(), e.lamport(),
                  e.timestamp(), e.semantics(), e.name(), e.keyEpoch(), payloads.get(k)));
            }
            return null;
          }));
    }
    return Future.all(sealed).mapEmpty();
  }

  private List<Unsigned> digests(Map<Job, List<StoredEvent>> assigned) {
    List<StoredEvent> all = new ArrayList<>();
    assigned.values().forEach(all::addAll);
    return Blocks.cut(all).stream().map(events -> new Unsigned(events, EventEncoding.blockDigest(store.source(), events)))
        .toList();
  }

  private Future<List<EventBlock>> sign(List<Unsigned> unsigned) {
    List<Future<EventBlock>> signed = unsigned.stream().map(u -> BusRequests.<Signature>request(vertx,
            Addresses.KEYSTORE_SIGN, SignRequest.eventBlock(u.digest))
        .map(s -> new EventBlock(store.source(), u.events.get(0).offset(), u.events.get(u.events.size() - 1).offset(),
            s.bytes(), u.events))).toList();
    return Future.all(signed).map(all -> all.<EventBlock>list());
  }

  private void settle(Map<Job, List<StoredEvent>> assigned, List<Job> appends, CommitResult result, long lamport) {
    store.committed(result.stored(), lamport);
    assigned.forEach((job, events) -> job.published.complete(events));
    for (int i = 0; i < appends.size(); i++) {
      Job job = appends.get(i);
      CommitResult.Outcome outcome = result.outcomes().get(i);
      if (outcome.kind() == CommitResult.Kind.REFUSED) {
        // DEBUG: the replication session that handed it over logs the refusal once, naming the peer
        LOG.debug("refused a block of {} ({}..{}) from peer {}: {}", job.block.source(), job.block.first(),
            job.block.last(), job.peer, outcome.reason());
        job.appended.fail(new AxException(ErrorCode.EVENTS_REJECTED, outcome.reason()));
      } else {
        job.appended.complete();
      }
    }
  }

  private void fail(List<Job> group, Throwable cause) {
    AxException failure = cause instanceof AxException ax ? ax
        : new AxException(ErrorCode.IO, "the event store could not write: " + cause.getMessage());
    if (!(cause instanceof AxException)) {
      LOG.warn("a group of {} requests failed, nothing of it was stored", group.size(), cause);
    }
    for (Job job : group) {
      (job.events != null ? job.published : job.appended).tryFail(failure);
    }
  }

  private record Unsigned(List<StoredEvent> events, byte[] digest) {
  }

  /** A queued publish (events) or replicated block (block, peer). */
  private static final class Job {
    final List<NewEvent> events;
    final EventBlock block;
    final String peer;
    final Promise<List<StoredEvent>> published = Promise.promise();
    final Promise<Void> appended = Promise.promise();

    Job(List<NewEvent> events, EventBlock block, String peer) {
      this.events = events;
      this.block = block;
      this.peer = peer;
    }

    int size() {
      return events != null ? events.size() : block.size();
    }
  }
}
