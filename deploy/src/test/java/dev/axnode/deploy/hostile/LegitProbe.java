package dev.axnode.deploy.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A legitimate user during an attack: runs one action (an admin request, a swarm connection, an
 * HTTP call) every 200 ms on its own thread and keeps the worst latency and every failure.
 */
final class LegitProbe implements AutoCloseable {

  /** What a legitimate client does once; a thrown exception is a failure the test reports. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private final String name;
  private final Action action;
  private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "legit-probe");
    thread.setDaemon(true);
    return thread;
  });
  private final List<String> failures = new ArrayList<>();
  private long maxNanos;
  private int count;

  private LegitProbe(String name, Action action) {
    this.name = name;
    this.action = action;
  }

  static LegitProbe start(String name, Action action) {
    LegitProbe probe = new LegitProbe(name, action);
    probe.runner.scheduleWithFixedDelay(probe::once, 0, 200, TimeUnit.MILLISECONDS);
    return probe;
  }

  /** Runs the action once on the caller's thread and returns its latency in ms: a probe before an attack. */
  static long timeOnce(Action action) throws Exception {
    long started = System.nanoTime();
    action.run();
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void once() {
    long started = System.nanoTime();
    try {
      action.run();
      record(System.nanoTime() - started, null);
    } catch (Exception e) {
      record(System.nanoTime() - started, e.toString());
    }
  }

  private synchronized void record(long nanos, String failure) {
    count++;
    maxNanos = Math.max(maxNanos, nanos);
    if (failure != null && failures.size() < 5) {
      failures.add(failure);
    }
  }

  synchronized long maxMillis() {
    return maxNanos / 1_000_000;
  }

  synchronized int count() {
    return count;
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops the probe after the run in progress. */
  @Override
  public void close() throws InterruptedException {
    runner.shutdown();
    runner.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Override
  public synchronized String toString() {
    return name + ": " + count + " runs, max " + maxMillis() + " ms, failures " + failures;
  }
}
