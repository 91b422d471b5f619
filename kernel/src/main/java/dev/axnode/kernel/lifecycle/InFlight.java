package dev.axnode.kernel.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Counts the work a verticle has accepted and not yet finished, so that {@code stop()} can
 * drain: stop taking new work, then wait for {@link #drained()}. Use it from the verticle's
 * own context only.
 */
public final class InFlight {

  private int count;
  private Promise<Void> drained;

  /** Tracks {@code work} until it completes, and returns it. */
  public <T> Future<T> track(Future<T> work) {
    count++;
    return work.andThen(ar -> {
      count--;
      if (count == 0 && drained != null) {
        drained.tryComplete();
      }
    });
  }

  /** Completes when no tracked work is left. */
  public Future<Void> drained() {
    if (count == 0) {
      return Future.succeededFuture();
    }
    if (drained == null) {
      drained = Promise.promise();
    }
    return drained.future();
  }

  public int count() {
    return count;
  }
}
