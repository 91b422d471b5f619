package dev.axnode.events.store;

import io.vertx.core.Vertx;

/**
 * When a write ends, whether the idle writer waits for more publishes before it takes the
 * next group ({@link GroupCommit}): it waits while fewer have come in than the write answered
 * (at most {@link #cap}), for at most {@code maxMs}. Clients that send again once answered
 * come back within a fraction of a commit, so waiting for them fills the next commit's
 * fsync. Without the wait, eight clients of single events split into two groups that took
 * turns (1, 7, 1, 7… or 4, 4…: each commit held four events, not eight).
 *
 * <p>A lone client never waits (one answered, one came back); replicated blocks never do. A
 * client that does not come back soon (it publishes now and then) must not make every commit
 * wait for it: a wait that runs out caps the next ones at what came back in time (at least
 * two), and each wait that fills doubles the cap. Runs on the events verticle's context.
 */
final class CommitWait {

  private final Vertx vertx;
  /** The longest wait (a timer: NIO wakes at whole milliseconds). */
  private final long maxMs;
  /** Called on the context when a wait runs out. */
  private final Runnable ranOut;
  /** The publishes the last write answered: clients that are likely to send again soon. */
  private int answered;
  /** The publishes that came in since the last write ended. */
  private int arrived;
  /** The timer that ends a wait; -1 when none runs. */
  private long timer = -1;
  /** The wait is over (filled or ran out) until the next write ends. */
  private boolean over;
  /** The most publishes a wait expects: what came back in time when a wait last ran out, doubled by each wait that filled. */
  private int cap = Integer.MAX_VALUE;

  CommitWait(Vertx vertx, long maxMs, Runnable ranOut) {
    if (maxMs < 1) {
      throw new IllegalArgumentException("the commit wait is at least 1 ms, not " + maxMs);
    }
    this.vertx = vertx;
    this.maxMs = maxMs;
    this.ranOut = ranOut;
  }

  /** A publish came in. */
  void arrived() {
    arrived++;
  }

  /** A write starts: a wait under way is over. */
  void writeStarted() {
    cancelTimer();
    over = false;
  }

  /** A write ended, having answered {@code publishes} requests: the next wait counts their clients. */
  void writeEnded(int publishes) {
    answered = publishes;
    arrived = 0;
  }

  /** Whether the idle writer waits now; never while replicated blocks are queued. */
  boolean waiting(boolean appendsQueued) {
    int expected = Math.min(answered, cap);
    if (over || expected < 2 || appendsQueued) {
      return false;
    }
    if (arrived >= expected) {
      if (cancelTimer()) {
        cap = cap >= Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : cap * 2;
      }
      over = true;
      return false;
    }
    if (timer < 0) {
      timer = vertx.setTimer(maxMs, id -> {
        timer = -1;
        over = true;
        cap = Math.max(2, arrived);
        ranOut.run();
      });
    }
    return true;
  }

  /** Cancels the running timer; false when none ran. */
  private boolean cancelTimer() {
    if (timer < 0) {
      return false;
    }
    vertx.cancelTimer(timer);
    timer = -1;
    return true;
  }
}
