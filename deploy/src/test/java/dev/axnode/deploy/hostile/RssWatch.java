package dev.axnode.deploy.hostile;

import dev.axnode.deploy.NodeProcess;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's RSS sampled every 50 ms from {@code /proc/<pid>/status}, so a test sees the peak
 * an attack reaches and not only where it ends.
 */
final class RssWatch implements AutoCloseable {

  static final long MIB = 1024 * 1024;

  private final NodeProcess process;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "rss-watch");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long peak;
  private long baseline;

  RssWatch(NodeProcess process) {
    this.process = process;
    sampler.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      long now = process.rssBytes();
      if (now > peak) {
        peak = now;
      }
    } catch (IOException e) {
      // the process is gone; the test sees that elsewhere
    }
  }

  /** Takes the RSS now as the baseline and forgets the peak so far. */
  synchronized long markBaseline() throws IOException {
    baseline = process.rssBytes();
    peak = baseline;
    return baseline;
  }

  long baseline() {
    return baseline;
  }

  long peak() {
    return peak;
  }

  /** The RSS now, or 0 once the process has exited (a test asserts {@link NodeProcess#isAlive()} itself). */
  long now() {
    try {
      return process.rssBytes();
    } catch (IOException gone) {
      return 0;
    }
  }

  /** How far the peak rose above the baseline. */
  long growth() {
    return peak - baseline;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
