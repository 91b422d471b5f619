package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every error code this node and CLI can produce today, as a user sees it: one line, a code, a non-zero exit. */
class CliErrorsIT {

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

  private static AxCli.Result fails(String code, String... args) throws Exception {
    AxCli.Result result = ax.run(args);
    assertNotEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stderr().startsWith("[" + code + "] Error: "), result::toString);
    assertEquals("", result.stdout(), result::toString);
    return result;
  }

  @Test
  void invalidJsonValue() throws Exception {
    fails("ERR_INVALID_INPUT", "settings", "set", "com.actyx.os/general/bootstrapNodes", "[\"/ip4/1.2.3.4\"",
        "--local", node.local());
  }

  @Test
  void schemaViolations() throws Exception {
    fails("ERR_SETTINGS_INVALID", "settings", "set", "com.actyx.os/general/displayName", "42", "--local", node.local());
    fails("ERR_SETTINGS_INVALID", "settings", "set", "com.actyx.os/general/noSuchKey", "1", "--local", node.local());
    fails("ERR_SETTINGS_INVALID", "settings", "set", "com.actyx.os/general/authorizedKeys", "[\"not-a-key\"]",
        "--local", node.local());
    fails("ERR_SETTINGS_INVALID", "settings", "set", "com.actyx.os/general/logLevels/os", "LOUD", "--local", node.local());
  }

  @Test
  void unknownScopeAndNothingAtScope() throws Exception {
    fails("ERR_SETTINGS_UNKNOWN_SCOPE", "settings", "get", "com.example.app", "--local", node.local());
    fails("ERR_SETTINGS_UNKNOWN_SCOPE", "settings", "set", "com.example.app/x", "1", "--local", node.local());
    fails("ERR_SETTINGS_NOT_FOUND_AT_SCOPE", "settings", "get", "com.actyx.os/general/nothingHere",
        "--local", node.local());
  }

  @Test
  void oversizedBodyIsRefusedAndTheNodeKeepsServing() throws Exception {
    Path big = dir.resolve("big.json");
    Files.writeString(big, "\"" + "x".repeat(2 * 1024 * 1024) + "\"");
    AxCli.Result result = fails("ERR_INVALID_INPUT", "settings", "set", "com.actyx.os/general/displayName",
        "@" + big, "--local", node.local());
    assertTrue(result.stderr().contains("at most 1048576 bytes"), result::toString);

    // The node enforces the limit itself, whatever the client checks first.
    java.net.http.HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.httpPort()
                + "/api/v1/settings?scope=com.actyx.os/general/displayName"))
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(big)).header("content-type", "application/json").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(400, raw.statusCode(), raw.body());
    JsonObject envelope = new JsonObject(raw.body());
    assertEquals("ERR_INVALID_INPUT", envelope.getString("code"));
    assertTrue(envelope.getString("message").contains("limit of 1048576 bytes"), raw.body());
    assertEquals(0, ax.run("settings", "get", ".", "--local", node.local()).exitCode());
  }

  @Test
  void unreadableFile() throws Exception {
    fails("ERR_IO", "settings", "set", "com.actyx.os/general/displayName", "@" + dir.resolve("missing.json"),
        "--local", node.local());
  }

  @Test
  void unreachableNode() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AxCli.Result result = fails("ERR_NODE_UNREACHABLE", "settings", "get", ".", "--local", "localhost:" + closedPort);
    assertTrue(result.stderr().contains("localhost:" + closedPort), result::toString);
  }

  @Test
  void secureApiErrorsNameTheAddress() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String address = "/ip4/127.0.0.1/tcp/" + closedPort;
    AxCli.Result unreachable = ax.run("settings", "get", ".", "--local", address);
    assertNotEquals(0, unreachable.exitCode(), unreachable::toString);
    String lastLine = unreachable.stderr().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(lastLine.startsWith("[ERR_NODE_UNREACHABLE] Error: ") && lastLine.contains(address), unreachable::toString);
    fails("ERR_INVALID_INPUT", "settings", "get", ".", "--local", "/ip4/not-an-ip/tcp/4458");
    fails("ERR_INVALID_INPUT", "settings", "get", ".", "--local", "/udp/4458");
  }

  @Test
  void keygenRefusesToOverwrite() throws Exception {
    Path existing = Files.writeString(dir.resolve("swarm.key"), "keep me");
    fails("ERR_FILE_EXISTS", "swarms", "keygen", "--output", existing.toString());
    assertEquals("keep me", Files.readString(existing));
  }

  @Test
  void aSwapThatCannotStartLeavesTheOldInstanceServing() throws Exception {
    Path notAJar = Files.writeString(dir.resolve("broken.jar"), "this is not a jar");
    AxCli.Result result = fails("ERR_INVALID_INPUT", "verticles", "swap", "settings", "--jar", notAJar.toString(),
        "--local", node.local());
    assertTrue(result.stderr().contains("old instance keeps serving"), result::toString);
    fails("ERR_INVALID_INPUT", "verticles", "swap", "settings", "--class", "no.such.Verticle", "--local", node.local());
    fails("ERR_INVALID_INPUT", "verticles", "swap", "nonexistent", "--local", node.local());
    assertEquals(0, ax.run("settings", "get", ".", "--local", node.local()).exitCode());
  }

  @Test
  void jsonErrorsAreEnvelopes() throws Exception {
    AxCli.Result result = ax.run("settings", "get", "com.example.app", "--local", node.local(), "--json");
    assertNotEquals(0, result.exitCode());
    JsonObject json = new JsonObject(result.stdout());
    assertEquals("ERR_SETTINGS_UNKNOWN_SCOPE", json.getString("code"));
    assertTrue(json.getString("message").contains("com.example.app"));
  }

  @Test
  void requireAuthenticationClosesTheHttpApi(@TempDir Path own) throws Exception {
    try (NodeProcess locked = NodeProcess.start(own.resolve("data"))) {
      fails("ERR_SETTINGS_INVALID", "settings", "set", "com.actyx.os/general/requireAuthentication", "true",
          "--local", locked.local());
      String key = "0" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
      assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/authorizedKeys", "[\"" + key + "\"]",
          "--local", locked.local()).exitCode());
      assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/requireAuthentication", "true",
          "--local", locked.local()).exitCode());
      AxCli.Result refused = fails("ERR_NODE_MISCONFIGURED", "settings", "get", ".", "--local", locked.local());
      assertEquals("[ERR_NODE_MISCONFIGURED] Error: Node HTTP API is not available, if setting "
          + "`com.actyx.os/general/requireAuthentication` is set to true. Consider using the experimental API on "
          + "port 4458 instead.", refused.stderr().strip());
    }
  }
}
