package dev.axnode.deploy.hostile;

import java.util.Locale;

/** The one line per attack the lead collects: {@code HOSTILE <name>: rss before=… peak=… after=… MiB, …}. */
final class Report {

  private Report() {
  }

  static void line(String name, RssWatch rss, long after, String refused, long legitMaxMs) {
    String text = String.format(Locale.ROOT, "HOSTILE %s: rss before=%.1f peak=%.1f after=%.1f MiB, refused in %s,"
            + " legit latency max %d ms", name, mib(rss.baseline()), mib(rss.peak()), mib(after), refused, legitMaxMs);
    // the test's own output, collected from the failsafe report: not node code
    System.out.println(text);
  }

  static double mib(long bytes) {
    return bytes / (double) RssWatch.MIB;
  }
}
