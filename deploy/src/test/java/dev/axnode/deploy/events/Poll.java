package dev.axnode.deploy.events;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Polls a condition that node processes make true, with a deadline. */
final class Poll {

  private Poll() {
  }

  static void await(String what, Duration limit, Callable<Boolean> condition) throws Exception {
    await(() -> what, limit, condition);
  }

  /** As {@link #await(String, Duration, Callable)}, with a message computed at the failure (e.g. the state seen last). */
  static void await(Supplier<String> what, Duration limit, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what.get());
      }
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)).join();
    }
  }
}
