package dev.axnode.transport;

import io.vertx.core.Vertx;
import org.slf4j.Logger;

/**
 * Logs refused connections at most once per {@link #PERIOD_MS} with their count, so a flood
 * of refusals costs one log line per period instead of one per connection: the first refusal
 * of a quiet period is logged at once, the rest are summed and logged when the period ends.
 */
final class RefusalLog {

  static final long PERIOD_MS = 10_000;

  private final Vertx vertx;
  private final Logger log;
  private long timer = -1;
  private int count;
  private String lastReason;

  RefusalLog(Vertx vertx, Logger log) {
    this.vertx = vertx;
    this.log = log;
  }

  void refused(String remote, String reason) {
    if (timer == -1) {
      log.warn("refused a connection from {}: {}", remote, reason);
      timer = vertx.setTimer(PERIOD_MS, t -> endOfPeriod());
      return;
    }
    count++;
    lastReason = reason;
  }

  private void endOfPeriod() {
    if (count == 0) {
      timer = -1;
      return;
    }
    log.warn("refused {} more connection(s) in the last {} s (last: {})", count, PERIOD_MS / 1000, lastReason);
    count = 0;
    timer = vertx.setTimer(PERIOD_MS, t -> endOfPeriod());
  }

  void stop() {
    vertx.cancelTimer(timer);
    if (count > 0) {
      log.warn("refused {} more connection(s) (last: {})", count, lastReason);
    }
  }
}
