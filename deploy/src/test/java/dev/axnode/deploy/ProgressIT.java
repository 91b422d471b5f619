package dev.axnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ax swarms perf} and {@code ax swarms setups} between two real nodes: on a terminal
 * they redraw a progress line from the node's figures; with {@code --json} or through a pipe
 * the output is the result alone.
 */
class ProgressIT {

  /** A progress redraw: carriage return, then the line, as the terminal received it. */
  private static final Pattern PERF_PROGRESS = Pattern.compile(
      "\rDownload: [0-9.]+ [KMG]iB of 1\\.0 GiB \\(\\d+ %\\), [0-9.]+ MB/s");
  private static final Pattern SETUPS_PROGRESS = Pattern.compile(
      "\rSetups: \\d+ in \\d+ s of 3 s, [0-9.]+ per second, \\d+ failures?, \\d+ s left");

  @TempDir
  static Path dir;
  private static NodeProcess a;
  private static NodeProcess b;

  @BeforeAll
  static void twoNodes() throws Exception {
    String key = ax().run("swarms", "keygen").stdout().strip();
    a = NodeProcess.start(dir.resolve("a"));
    b = NodeProcess.start(dir.resolve("b"));
    for (NodeProcess node : new NodeProcess[] {a, b}) {
      AxCli.Result set = ax().run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local());
      assertEquals(0, set.exitCode(), set::toString);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try (NodeProcess first = a; NodeProcess second = b) {
      // closed in reverse order
    }
  }

  private static AxCli ax() {
    return new AxCli(dir.resolve("config"));
  }

  @Test
  void perfOnATerminalRedrawsItsProgressThenPrintsTheResult() throws Exception {
    Terminal.Screen screen = Terminal.run(dir.resolve("config"), null, "swarms", "perf", b.swarmAddress(),
        "--download", "1GiB", "--local", a.local());
    assertEquals(0, screen.exitCode(), screen.text());
    assertTrue(PERF_PROGRESS.matcher(screen.text()).find(), "a progress line: " + screen.text());
    assertTrue(screen.text().contains("left"), screen.text());
    assertTrue(screen.text().contains("Download:  1073741824 bytes in "), screen.text());
  }

  @Test
  void setupsOnATerminalCountsRoundsAndTimeLeft() throws Exception {
    Terminal.Screen screen = Terminal.run(dir.resolve("config"), null, "swarms", "setups", b.swarmAddress(),
        "--seconds", "3", "--local", a.local());
    assertEquals(0, screen.exitCode(), screen.text());
    assertTrue(SETUPS_PROGRESS.matcher(screen.text()).find(), "a progress line: " + screen.text());
    assertTrue(screen.text().contains("per second"), screen.text());
  }

  @Test
  void jsonOnATerminalIsTheEnvelopeAlone() throws Exception {
    Terminal.Screen screen = Terminal.run(dir.resolve("config"), null, "swarms", "perf", b.swarmAddress(),
        "--download", "256MiB", "--json", "--local", a.local());
    assertEquals(0, screen.exitCode(), screen.text());
    assertFalse(screen.text().contains("\r"), "no redraws: " + screen.text());
    JsonObject envelope = new JsonObject(screen.text().strip());
    assertEquals(256L << 20, envelope.getJsonObject("result").getLong("downloadBytes"));
  }

  @Test
  void throughAPipeThereIsNoProgress() throws Exception {
    AxCli.Result perf = ax().run("swarms", "perf", b.swarmAddress(), "--download", "256MiB", "--local", a.local());
    assertEquals(0, perf.exitCode(), perf::toString);
    assertEquals("", perf.stderr());
    assertFalse(perf.stdout().contains("\r"), perf.stdout());
    assertTrue(perf.stdout().contains("Download:  268435456 bytes in "), perf.stdout());
  }
}
