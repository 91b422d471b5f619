package dev.axnode.events;

import dev.axnode.kernel.Addresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a node in a publish loop, several times: after each restart every acknowledged
 * event is there, offsets are contiguous from 0, nothing is duplicated, the node ID is the same.
 */
class CrashTest {

  private static final Logger LOG = LoggerFactory.getLogger(CrashTest.class);
  private static final int KILLS = 4;

  @TempDir
  Path dir;

  @Test
  void killedInAPublishLoopLosesNoAcknowledgedEvent() throws Exception {
    String nodeId = null;
    long acknowledged = -1;
    for (int round = 0; round < KILLS; round++) {
      Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
          "-cp", System.getProperty("java.class.path"), PublishLoop.class.getName(), dir.toString())
          .redirectError(new File("target/crash-child-" + round + ".log")).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = protocolLine(out);
        assertTrue(ready != null && ready.startsWith("READY "), "child said " + ready);
        String id = ready.substring(6);
        assertTrue(nodeId == null || nodeId.equals(id), "node ID changed: " + nodeId + " → " + id);
        nodeId = id;
        // Kill after a round-dependent number of acks, so the kill lands at different moments.
        int acks = 20 + round * 37;
        for (int i = 0; i < acks; i++) {
          String line = protocolLine(out);
          assertTrue(line != null && line.startsWith("ACK "), "child said " + line);
          acknowledged = Math.max(acknowledged, Long.parseLong(line.substring(4)));
        }
        // SIGKILL while the loop goes on: acks the child printed after this one are not counted (Java closes the pipe).
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      }
      LOG.info("round {}: killed after offset {} was acknowledged", round, acknowledged);
      try (TestEvents node = new TestEvents(dir)) {
        assertEquals(nodeId, node.nodeId);
        assertContiguousFromZero(node, nodeId, acknowledged);
      }
    }
  }

  /** The next READY or ACK line; the child's log lines (logback writes to stdout) are skipped. */
  private static String protocolLine(BufferedReader out) throws java.io.IOException {
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY ") && !line.startsWith("ACK ")) {
      // a log line
    }
    return line;
  }

  private static void assertContiguousFromZero(TestEvents node, String source, long acknowledged) throws Exception {
    long held = node.offsets().getJsonObject("present").getLong(source);
    assertTrue(held >= acknowledged, "holds " + held + " but " + acknowledged + " was acknowledged");
    long expected = 0;
    JsonObject query = new JsonObject().put("order", "source");
    JsonObject page = node.request(Addresses.EVENTS_QUERY, query);
    while (true) {
      JsonArray events = page.getJsonArray("events");
      for (int i = 0; i < events.size(); i++) {
        JsonObject e = events.getJsonObject(i);
        assertEquals(expected, e.getLong("offset"), "offsets contiguous, no duplicates");
        assertEquals(expected, e.getJsonObject("payload").getLong("i"), "each event where it was published");
        expected++;
      }
      if (page.getString("next") == null) {
        break;
      }
      page = node.request(Addresses.EVENTS_QUERY, query.copy().put("after", page.getString("next")));
    }
    assertEquals(held + 1, expected);
  }
}
