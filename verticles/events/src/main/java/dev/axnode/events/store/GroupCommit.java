package dev.axnode.events.store;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's write path. Publishes and replicated blocks queue here and go in groups of all
 * that queued (up to {@link #MAX_GROUP_EVENTS}): own events get offsets, Lamport times and
 * timestamps, encrypted families are sealed, the events are cut into blocks and signed by the
 * keystore, replicated blocks are verified, and everything is written in ONE transaction (one
 * fsync) before any request of the group is answered.
 *
 * <p>Two stages, pipelined: while group n is written (the writer thread, mostly the fsync),
 * group n+1 is prepared ({@link OwnBlocks}: assigned, sealed, digested, signed) with the
 * offsets that follow n's, and waits; the queue meanwhile gathers group n+2. Writes stay in
 * order, one at a time.
 * Profiling showed a group's time went mostly to the hops between the event loop, the
 * workers and the keystore, not to the disk, so overlapping them is what raises throughput.
 * The commit (its fsync) is the scarce part, so a commit takes all that is prepared: during
 * a write, the next group is taken once as many events queue as the write holds (or when
 * the write ends; taken at the first arrival, it held one request, and with 64 single
 * events in flight groups ran 2, 1, 61, 2, 1, 61…), and a group prepared while another
 * already waits joins it in the same transaction, its offsets following. When a write ends,
 * the idle writer waits (briefly) for as many publishes as it has just answered, since those
 * clients tend to send again at once ({@link CommitWait}).
 * A group whose write fails answers all its requests with the failure; the group prepared
 * behind it (its offsets followed the failed ones) is prepared again, as nothing of either
 * was committed. Runs on the events verticle's context; database and CPU-heavy work go to workers.
 */
final class GroupCommit {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  /** Events (own and replicated) in one group: a bound on the memory and the time of one transaction. */
  static final int MAX_GROUP_EVENTS = 20_000;
  /** Retries of a group whose own offsets another instance took meanwhile (a swap). */
  private static final int MAX_STALE_RETRIES = 5;
  private final EventStore store;
  private final PayloadKeys keys;
  private final OwnBlocks ownBlocks;
  private final CommitWait wait;
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  /** The events (own and replicated) of the jobs in {@link #queue}. */
  private long queuedEvents;
  /** The replicated blocks in {@link #queue}. */
  private int queuedAppends;
  /** The idle writer has had the queue prepared to join the next write. */
  private boolean preparedWhileIdle;
  /** Bumped when a write fails: what was prepared under an older generation followed offsets never stored. */
  private int generation;
  /** The last own offset and Lamport time given out by preparation; null: take them from the store. */
  private long[] assignedUpTo;
  private boolean preparing;
  private Prepared ready;
  private Prepared writing;
  private Failed failed;
  private boolean reloading;
  private Promise<Void> idle;

  GroupCommit(Vertx vertx, EventStore store, PayloadKeys keys, long commitWaitMs) {
    this.store = store;
    this.keys = keys;
    this.ownBlocks = new OwnBlocks(vertx, store.source(), keys);
    this.wait = new CommitWait(vertx, commitWaitMs, this::next);
  }

  /** Queues own events; completes with them as stored, once durable. */
  Future<List<StoredEvent>> publish(List<NewEvent> events) {
    String checked = null;
    for (NewEvent e : events) {
      // a request's events are mostly of one family: each run of it is looked up once
      if (!e.semantics().equals(checked) && keys.encrypted(e.semantics()) && keys.latestEpoch(e.semantics()) == 0) {
        return Future.failedFuture(new AxException(ErrorCode.EVENTS_NO_KEY, "the events of \"" + e.semantics()
            + "\" are encrypted and this node holds no key for them; ask a key holder for a grant"));
      }
      checked = e.semantics();
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

  /** Completes once nothing is queued, prepared or being written. */
  Future<Void> idle() {
    if (quiet()) {
      return Future.succeededFuture();
    }
    if (idle == null) {
      idle = Promise.promise();
    }
    return idle.future();
  }

  private boolean quiet() {
    return !preparing && ready == null && writing == null && !blocked() && queue.isEmpty();
  }

  /** A failed write not yet dealt with, or the store state being read again after one. */
  private boolean blocked() {
    return failed != null || reloading;
  }

  private void enqueue(Job job) {
    queue.add(job);
    count(job, 1);
    if (job.events != null) {
      wait.arrived();
    }
    next();
  }

  private void count(Job job, int sign) {
    queuedEvents += sign * (long) job.size();
    if (job.events == null) {
      queuedAppends += sign;
    }
  }

  /** Moves the pipeline on: recover from a failed write, start the ready write, prepare the next group. */
  private void next() {
    if (failed != null && !preparing) {
      recover();
    }
    if (!blocked()) {
      if (writing == null) {
        nextWhileIdle();
      } else if (!preparing && !queue.isEmpty() && queuedEvents >= writing.events() && fits()) {
        prepare(takeGroup(room()));
      }
    }
    if (idle != null && quiet()) {
      Promise<Void> waiting = idle;
      idle = null;
      waiting.complete();
    }
  }

  /**
   * The writer is idle: unless it waits for the clients it has just answered, the queue is
   * prepared once and joins what is ready, and that is written. A preparation under way is
   * waited for, so that it goes in the same commit rather than alone in the next. Only one
   * preparation goes before a write that has something ready, or steady arrivals would hold
   * the write back until the group were full.
   */
  private void nextWhileIdle() {
    if (wait.waiting(queuedAppends > 0) || preparing) {
      return;
    }
    if (!queue.isEmpty() && fits() && (ready == null || !preparedWhileIdle)) {
      preparedWhileIdle = true;
      prepare(takeGroup(room()));
      return;
    }
    if (ready != null) {
      Prepared group = ready;
      ready = null;
      write(group);
    }
  }

  private long room() {
    return MAX_GROUP_EVENTS - (ready == null ? 0 : ready.events());
  }

  /** The job at the head of the queue fits beside what is ready (an oversized job goes alone). */
  private boolean fits() {
    return ready == null || queue.peek().size() <= room();
  }

  /** The jobs at the head of the queue, up to {@code room} events (at least one job, whatever its size). */
  private List<Job> takeGroup(long room) {
    List<Job> group = new ArrayList<>();
    long events = 0;
    while (!queue.isEmpty() && (group.isEmpty() || events + queue.peek().size() <= room)) {
      Job job = queue.poll();
      events += job.size();
      count(job, -1);
      group.add(job);
    }
    return group;
  }

  private void prepare(List<Job> group) {
    preparing = true;
    int preparedIn = generation;
    // The store's state counts too: a peer may have handed back own events this node had lost.
    long held = store.present().get(store.source());
    if (assignedUpTo == null) {
      assignedUpTo = new long[] {held, store.lamport()};
    }
    long ownLast = Math.max(assignedUpTo[0], held);
    long lamportBefore = Math.max(assignedUpTo[1], store.lamport());
    List<Job> own = group.stream().filter(job -> job.events != null).toList();
    long count = own.stream().mapToLong(Job::size).sum();
    assignedUpTo = new long[] {ownLast + count, lamportBefore + count};
    ownBlocks.prepare(own.stream().map(job -> job.events).toList(), ownLast + 1, lamportBefore)
        .onComplete(ar -> {
          preparing = false;
          if (preparedIn != generation) {
            requeue(group);
          } else if (ar.succeeded()) {
            Map<Job, List<StoredEvent>> assigned = new LinkedHashMap<>();
            for (int i = 0; i < own.size(); i++) {
              assigned.put(own.get(i), ar.result().events().get(i));
            }
            Prepared prepared = new Prepared(group, assigned, ownLast, ar.result().blocks(), lamportBefore + count);
            // prepared during a write behind another ready group: both go in the next commit
            ready = ready == null ? prepared : ready.followedBy(prepared);
          } else {
            // Nothing was prepared after this group, so its offsets are free again.
            assignedUpTo = new long[] {ownLast, lamportBefore};
            fail(group, ar.cause());
          }
          next();
        });
  }

  private void write(Prepared group) {
    wait.writeStarted();
    preparedWhileIdle = false;
    writing = group;
    List<EventBlock> replicated = group.appends().stream().map(j -> j.block).toList();
    store.write(group.ownLast(), group.ownBlocks(), replicated).onComplete(ar -> {
      writing = null;
      wait.writeEnded(group.assigned().size());
      if (ar.succeeded()) {
        settle(group.assigned(), group.appends(), ar.result(), group.lamportAfter());
      } else {
        // Whatever was prepared behind this group took offsets after ones that were never stored.
        generation++;
        assignedUpTo = null;
        failed = new Failed(group.jobs(), ar.cause());
      }
      next();
    });
  }

  /**
   * After a failed write, once no preparation runs: its requests are retried after a reload
   * (another instance wrote meanwhile) or fail, and the group prepared behind it queues again
   * in front, keeping the order the requests came in.
   */
  private void recover() {
    Failed f = failed;
    failed = null;
    if (ready != null) {
      requeue(ready.jobs());
      ready = null;
    }
    boolean retry = f.cause() instanceof StaleStateException
        && f.jobs().stream().allMatch(job -> job.staleRetries < MAX_STALE_RETRIES);
    if (!retry) {
      fail(f.jobs(), f.cause());
      return;
    }
    LOG.debug("group retried: {}", f.cause().getMessage());
    f.jobs().forEach(job -> job.staleRetries++);
    requeue(f.jobs());
    reloading = true;
    store.reload().onComplete(ar -> {
      reloading = false;
      next();
    });
  }

  /** Puts {@code jobs} back at the head of the queue, in their order. */
  private void requeue(List<Job> jobs) {
    for (int i = jobs.size() - 1; i >= 0; i--) {
      queue.addFirst(jobs.get(i));
      count(jobs.get(i), 1);
    }
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

  /** A group ready to write: its own events as signed blocks following {@code ownLast}. */
  private record Prepared(List<Job> jobs, Map<Job, List<StoredEvent>> assigned, long ownLast, List<EventBlock> ownBlocks,
                          long lamportAfter) {
    long events() {
      return jobs.stream().mapToLong(Job::size).sum();
    }

    /** This group and {@code next} (prepared after it, its offsets following) as one. */
    Prepared followedBy(Prepared next) {
      List<Job> allJobs = new ArrayList<>(jobs);
      allJobs.addAll(next.jobs);
      Map<Job, List<StoredEvent>> allAssigned = new LinkedHashMap<>(assigned);
      allAssigned.putAll(next.assigned);
      List<EventBlock> blocks = new ArrayList<>(ownBlocks);
      blocks.addAll(next.ownBlocks);
      return new Prepared(allJobs, allAssigned, ownLast, blocks, next.lamportAfter);
    }

    List<Job> appends() {
      return jobs.stream().filter(j -> j.block != null).toList();
    }
  }

  /** A group whose write failed, waiting to be answered or retried. */
  private record Failed(List<Job> jobs, Throwable cause) {
  }

  /** A queued publish (events) or replicated block (block, peer). */
  private static final class Job {
    final List<NewEvent> events;
    final EventBlock block;
    final String peer;
    final Promise<List<StoredEvent>> published = Promise.promise();
    final Promise<Void> appended = Promise.promise();
    int staleRetries;

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
