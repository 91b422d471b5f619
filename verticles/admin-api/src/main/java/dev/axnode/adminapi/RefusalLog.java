package dev.axnode.adminapi;

import org.slf4j.Logger;

/**
 * Logs refused and failed connections without letting a flood flood the log: each one at
 * DEBUG, and at most one INFO line per {@link #INTERVAL_NANOS} with the count since the last
 * such line and the latest reason. Confined to one event loop.
 */
final class RefusalLog {

  static final long INTERVAL_NANOS = 10_000_000_000L;

  private final Logger log;
  private final String what;
  private long lastLine = System.nanoTime() - INTERVAL_NANOS;
  private long count;

  /** {@code what} names the events in the summary line, e.g. "connections refused or failed". */
  RefusalLog(Logger log, String what) {
    this.log = log;
    this.what = what;
  }

  void record(String remote, String reason) {
    log.debug("secure admin API: {}: {}", remote, reason);
    count++;
    long now = System.nanoTime();
    if (now - lastLine >= INTERVAL_NANOS) {
      log.info("secure admin API: {} {} in the last {} s (latest {}: {})", count, what,
          (now - lastLine) / 1_000_000_000L, remote, reason);
      lastLine = now;
      count = 0;
    }
  }
}
