package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One line of progress from a node's {@code swarm.progress} figures: what is done of what
 * was asked, the rate since the previous figures, and the time left at that rate. Rates
 * come from two of the node's own readings (its bytes and its clock), never from the
 * client's guesses. Keeps the previous reading, so one instance serves one run.
 */
final class ProgressLine {

  private double lastSeconds = -1;
  private long lastDone;
  private double rate;

  /** The line for {@code figures}, or null when they say nothing yet (no run, unknown kind). */
  String render(JsonObject figures) {
    if (figures == null) {
      return null;
    }
    return switch (String.valueOf(figures.getValue("kind"))) {
      case "perf" -> perf(figures);
      case "setups" -> setups(figures);
      default -> null;
    };
  }

  private String perf(JsonObject f) {
    long upload = f.getLong("uploadBytes", 0L);
    long uploaded = f.getLong("uploadedBytes", 0L);
    boolean uploading = uploaded < upload;
    // Upload comes first; the download starts once the upload has been sent.
    long total = uploading ? upload : f.getLong("downloadBytes", 0L);
    long done = uploading ? uploaded : f.getLong("downloadedBytes", 0L);
    double elapsed = f.getDouble("elapsedSeconds", 0.0);
    updateRate(uploading ? done : upload + done, elapsed);
    String left = rate > 0 ? ", " + duration((total - done) / rate) + " left" : "";
    return String.format(Locale.ROOT, "%s %s of %s (%d %%), %.1f MB/s%s", uploading ? "Upload:  " : "Download:",
        bytes(done), bytes(total), total == 0 ? 100 : done * 100 / total, rate / 1e6, left);
  }

  private String setups(JsonObject f) {
    long count = f.getLong("count", 0L);
    double elapsed = f.getDouble("elapsedSeconds", 0.0);
    double seconds = f.getDouble("seconds", 0.0);
    double perSecond = elapsed > 0 ? count / elapsed : 0;
    long failures = f.getLong("failures", 0L);
    return String.format(Locale.ROOT, "Setups: %d in %s of %s, %.1f per second, %d %s, %s left", count,
        duration(elapsed), duration(seconds), perSecond, failures, failures == 1 ? "failure" : "failures",
        duration(Math.max(0, seconds - elapsed)));
  }

  private void updateRate(long done, double seconds) {
    if (lastSeconds >= 0 && seconds > lastSeconds && done >= lastDone) {
      rate = (done - lastDone) / (seconds - lastSeconds);
    }
    lastSeconds = seconds;
    lastDone = done;
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d:%02d min", s / 60, s % 60);
  }
}
