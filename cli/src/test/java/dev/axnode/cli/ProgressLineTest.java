package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The progress line from a node's figures: bytes of total, rate between two readings, time left. */
class ProgressLineTest {

  private static JsonObject perf(double elapsed, long uploaded, long downloaded) {
    return new JsonObject().put("kind", "perf").put("elapsedSeconds", elapsed).put("uploadBytes", 100L << 20)
        .put("uploadedBytes", uploaded).put("downloadBytes", 1L << 30).put("downloadedBytes", downloaded);
  }

  @Test
  void perfShowsTheUploadFirstThenTheDownloadWithRateAndTimeLeft() {
    ProgressLine line = new ProgressLine();
    assertEquals("Upload:   50.0 MiB of 100.0 MiB (50 %), 0.0 MB/s", line.render(perf(1.0, 50L << 20, 0)));
    // 50 MiB more (the rest of the upload) and 100 MiB of download in one second: 150 MiB/s.
    assertEquals("Download: 100.0 MiB of 1.0 GiB (9 %), 157.3 MB/s, 6 s left",
        line.render(perf(2.0, 100L << 20, 100L << 20)));
  }

  @Test
  void setupsShowRoundsRateFailuresAndTimeLeft() {
    JsonObject figures = new JsonObject().put("kind", "setups").put("elapsedSeconds", 4.0).put("seconds", 10.0)
        .put("count", 400).put("failures", 1);
    assertEquals("Setups: 400 in 4 s of 10 s, 100.0 per second, 1 failure, 6 s left", new ProgressLine().render(figures));
  }

  @Test
  void noRunYetDrawsNothing() {
    assertNull(new ProgressLine().render(null));
    assertNull(new ProgressLine().render(new JsonObject().put("kind", "other")));
  }

  @Test
  void sizesAndDurationsReadAsPeopleWriteThem() {
    assertEquals("512 B", ProgressLine.bytes(512));
    assertEquals("1.5 KiB", ProgressLine.bytes(1536));
    assertEquals("2.0 GiB", ProgressLine.bytes(2L << 30));
    assertEquals("59 s", ProgressLine.duration(59.2));
    assertEquals("2:05 min", ProgressLine.duration(125));
  }
}
