package dev.axnode.kernel.lifecycle;

import io.vertx.core.Vertx;
import org.slf4j.Logger;

/**
 * Logs refused and failed connections of one listener without letting a flood flood the log:
 * each at DEBUG, the first of a quiet period at WARN at once, and the rest summed into one
 * WARN line when the period ends. Use from the listener's event loop; {@link #stop} with it.
 */
public final class RefusalLog {

  public static final long PERIOD_MS = 10_000;

  private final Vertx vertx;
  private final Logger log;
  private final String what;
  private long timer = -1;
  private long count;
  private String latest;

  /** @param what names the events, e.g. "swarm connections refused or failed" */
  public RefusalLog(Vertx vertx, Logger log, String what) {
    this.vertx = vertx;
    this.log = log;
    this.what = what;
  }

  public void record(String remote, String reason) {
    log.debug("{}: {}: {}", what, remote, reason);
    if (timer == -1) {
      log.warn("{}: {}: {}", what, remote, reason);
      timer = vertx.setTimer(PERIOD_MS, t -> endOfPeriod());
      return;
    }
    count++;
    latest = remote + ": " + reason;
  }

  private void endOfPeriod() {
    if (count == 0) {
      timer = -1;
      return;
    }
    summarize("in the last " + PERIOD_MS / 1000 + " s");
    timer = vertx.setTimer(PERIOD_MS, t -> endOfPeriod());
  }

  /** Cancels the timer and logs what is not summed up yet. */
  public void stop() {
    vertx.cancelTimer(timer);
    timer = -1;
    if (count > 0) {
      summarize("before stopping");
    }
  }

  private void summarize(String when) {
    log.warn("{}: {} more {} (latest {})", what, count, when, latest);
    count = 0;
  }
}
