package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's transcript, each command run as a real {@code ax} process against a real node process. */
class CliTranscriptIT {

  @TempDir
  static Path dir;
  private static NodeProcess node;
  private static AxCli ax;

  @BeforeAll
  static void startNode() throws Exception {
    node = NodeProcess.start(dir.resolve("data"));
    ax = new AxCli(dir.resolve("config"));
  }

  @AfterAll
  static void stopNode() throws Exception {
    node.close();
  }

  private static AxCli.Result ok(String... args) throws Exception {
    AxCli.Result result = ax.run(args);
    assertEquals(0, result.exitCode(), result::toString);
    return result;
  }

  @Test
  void nodesInspectShowsIdentityNameAddressesAndVerticles() throws Exception {
    String out = ok("nodes", "inspect", "--local", node.local()).stdout();
    assertTrue(out.contains(node.nodeId()), out);
    assertTrue(out.contains("127.0.0.1:" + node.httpPort()), out);
    for (String verticle : new String[] {"keystore", "settings", "admin-api"}) {
      assertTrue(out.contains(verticle), out);
    }
    JsonObject json = new JsonObject(ok("nodes", "inspect", "--local", node.local(), "--json").stdout());
    assertEquals("OK", json.getString("code"));
    assertEquals(node.nodeId(), json.getJsonObject("result").getString("nodeId"));
    assertTrue(json.getJsonObject("result").getLong("uptimeMillis") >= 0);
  }

  @Test
  void settingsGetRootShowsDefaults() throws Exception {
    String out = ok("settings", "get", ".", "--local", node.local()).stdout();
    assertTrue(out.contains("com.actyx.os:"), out);
    assertTrue(out.contains("displayName: Default Node") || out.contains("displayName:"), out);
    assertTrue(out.contains("requireAuthentication: false"), out);
    assertTrue(out.contains("topic: default-topic"), out);
  }

  @Test
  void settingsSetAnswersWithTheWholeObjectAndUnsetRestoresTheDefault() throws Exception {
    String out = ok("settings", "set", "com.actyx.os/general/displayName", "\"Press 7\"", "--local", node.local()).stdout();
    assertTrue(out.startsWith("Successfully replaced settings at com.actyx.os/general/displayName. "
        + "Created object with defaults:\n---\ngeneral:\n  announceAddresses: []\n  authorizedKeys: []\n"), out);
    assertTrue(out.contains("  displayName: Press 7\n"), out);
    assertEquals("Press 7", ok("settings", "get", "com.actyx.os/general/displayName", "--local", node.local())
        .stdout().strip());

    ok("settings", "unset", "com.actyx.os/general/displayName", "--local", node.local());
    assertEquals("Default Node", ok("settings", "get", "com.actyx.os/general/displayName", "--local", node.local())
        .stdout().strip());
    String noDefaults = ok("settings", "get", "com.actyx.os", "--no-defaults", "--json", "--local", node.local()).stdout();
    assertTrue(!new JsonObject(noDefaults).getJsonObject("result").getJsonObject("general").containsKey("displayName"),
        noDefaults);
  }

  @Test
  void valuesComeFromFilesAndStdin() throws Exception {
    Path file = dir.resolve("name.json");
    Files.writeString(file, "\"From a file\"");
    ok("settings", "set", "com.actyx.os/services/eventService/topic", "@" + file, "--local", node.local());
    assertEquals("From a file", ok("settings", "get", "com.actyx.os/services/eventService/topic", "--local",
        node.local()).stdout().strip());
    AxCli.Result stdin = ax.runWithInput("topic-from-stdin\n", "settings", "set",
        "com.actyx.os/services/eventService/topic", "@-", "--local", node.local());
    assertEquals(0, stdin.exitCode(), stdin::toString);
    assertEquals("topic-from-stdin", ok("settings", "get", "com.actyx.os/services/eventService/topic", "--local",
        node.local()).stdout().strip());
    ok("settings", "unset", "com.actyx.os/services/eventService/topic", "--local", node.local());
  }

  @Test
  void logLevelsApplyAtOnce() throws Exception {
    ok("settings", "set", "com.actyx.os/general/logLevels/os", "DEBUG", "--local", node.local());
    ok("settings", "get", ".", "--local", node.local());
    ok("settings", "unset", "com.actyx.os/general/logLevels", "--local", node.local());
    String log = node.logText();
    assertTrue(log.contains("log levels now os=DEBUG apps=INFO"), log);
    assertTrue(log.contains(" DEBUG "), "no DEBUG line was logged while os=DEBUG");
    assertTrue(log.lastIndexOf("log levels now os=INFO") > log.indexOf("log levels now os=DEBUG"), log);
  }

  @Test
  void schemaAndScopes() throws Exception {
    String schema = ok("settings", "schema", "com.actyx.os", "--local", node.local(), "--json").stdout();
    JsonObject result = new JsonObject(schema).getJsonObject("result");
    assertTrue(result.getJsonObject("properties").containsKey("general"), schema);
    assertEquals("com.actyx.os", ok("settings", "scopes", "--local", node.local()).stdout().strip());
  }

  @Test
  void swarmKeygenPrintsAKeyFileThatSettingsTake() throws Exception {
    String key = ok("swarms", "keygen").stdout().strip();
    assertTrue(key.matches("/key/swarm/psk/1\\.0\\.0/\n/base16/\n[0-9a-f]{64}"), key);
    ok("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", node.local());
    String stored = ok("settings", "get", "com.actyx.os/general/swarmKey", "--local", node.local()).stdout().strip();
    assertTrue(stored.endsWith(key.substring(key.length() - 64)), stored);
    String base64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    ok("settings", "set", "com.actyx.os/general/swarmKey", base64, "--local", node.local());
    assertEquals(base64, ok("settings", "get", "com.actyx.os/general/swarmKey", "--local", node.local()).stdout().strip());
  }

  @Test
  void verticlesListAndSwapTheBuiltInSettings() throws Exception {
    String before = ok("verticles", "ls", "--local", node.local()).stdout();
    for (String name : new String[] {"keystore", "settings", "admin-api"}) {
      assertTrue(before.contains(name), before);
    }
    String swapped = ok("verticles", "swap", "settings", "--local", node.local(), "--json").stdout();
    JsonObject info = new JsonObject(swapped).getJsonObject("result");
    assertEquals("settings", info.getString("name"));
    assertEquals("RUNNING", info.getString("state"));
    String after = ok("verticles", "ls", "--local", node.local(), "--json").stdout();
    assertTrue(after.contains(info.getString("deploymentId")), after);
    ok("settings", "get", ".", "--local", node.local());
  }

  @Test
  void nodesLsListsReachableAndUnreachableNodes() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String out = ok("nodes", "ls", "--local", node.local(), "--local", "localhost:" + closedPort).stdout();
    String[] lines = out.strip().split("\n");
    assertEquals(3, lines.length, out);
    assertTrue(out.contains(node.nodeId()), out);
    assertTrue(out.contains("localhost:" + closedPort), out);
  }
}
