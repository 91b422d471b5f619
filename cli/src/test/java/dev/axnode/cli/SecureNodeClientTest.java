package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole secure path, end to end against {@link FakeSecureNode}: key, handshake, known hosts, frames. */
class SecureNodeClientTest {

  private static final JsonObject SCOPES = new JsonObject().put("code", "OK")
      .put("result", new JsonArray().add("com.actyx.os"));

  @TempDir
  Path home;

  private Path knownHosts() {
    return home.resolve("actyxos/known_hosts");
  }

  private static String keyOf(String err) {
    int start = err.indexOf("(\"") + 2;
    return err.substring(start, err.indexOf("\")", start));
  }

  @Test
  void firstContactCreatesAKeyAsksAndAnswersLikeHttp() throws Exception {
    try (FakeSecureNode node = new FakeSecureNode(9, request -> SCOPES)) {
      ScriptedPrompt prompt = ScriptedPrompt.answering("yes");
      CliRun run = CliRun.inHome(home, prompt, "settings", "scopes", "--local", node.address(), "--json");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(SCOPES.encode(), run.out().strip());
      assertTrue(run.err().startsWith("No local key pair found, generated one (\"0"), run.err());
      assertEquals(List.of("The authenticity of host '" + node.address() + "' can't be established.\n"
          + "Node's ID is '" + node.nodeId() + "'.\n"
          + "Are you sure you want to continue connecting (yes/no)? "), prompt.questions);
      assertEquals(node.address() + " " + node.nodeId() + "\n", Files.readString(knownHosts()));
      assertEquals(keyOf(run.err()), ClientKeyPair.publicKeyText(node.clients.get(0).publicKey()),
          "the node saw the key the CLI generated");
      assertEquals(new JsonObject().put("id", 1).put("method", "settings.scopes").put("params", new JsonObject()),
          node.requests.get(0));

      ScriptedPrompt silent = ScriptedPrompt.noTerminal();
      CliRun again = CliRun.inHome(home, silent, "settings", "scopes", "--local", node.address());
      assertEquals(0, again.exitCode(), again.err());
      assertEquals("com.actyx.os", again.out().strip());
      assertEquals("", again.err(), "known host, known key: nothing to say");
    }
  }

  @Test
  void noTerminalRefusesANewHostUnlessAcceptNewHost() throws Exception {
    try (FakeSecureNode node = new FakeSecureNode(9, request -> SCOPES)) {
      CliRun refused = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "settings", "scopes", "--local", node.address());
      assertEquals(1, refused.exitCode());
      assertTrue(refused.err().contains("[ERR_NODE_AUTH] Error: The authenticity of host '" + node.address()
          + "' can't be established"), refused.err());
      assertTrue(refused.err().contains("Re-run with --accept-new-host"), refused.err());
      assertTrue(node.requests.isEmpty(), "nothing is sent to a host the user did not accept");
      assertFalse(Files.exists(knownHosts()));

      CliRun accepted = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "settings", "scopes", "--local",
          node.address(), "--accept-new-host");
      assertEquals(0, accepted.exitCode(), accepted.err());
      assertTrue(Files.readString(knownHosts()).contains(node.nodeId().toString()));
    }
  }

  @Test
  void aChangedNodeIsRefusedUntilForgotten() throws Exception {
    String address;
    try (FakeSecureNode first = new FakeSecureNode(9, request -> SCOPES)) {
      address = first.address();
      Files.createDirectories(knownHosts().getParent());
      Files.writeString(knownHosts(), address + " " + TestKeys.nodeId(1) + "\n");
      CliRun run = CliRun.inHome(home, ScriptedPrompt.answering("yes"), "settings", "scopes", "--local", address,
          "--accept-new-host");
      assertEquals(1, run.exitCode());
      assertTrue(run.err().contains("REMOTE NODE IDENTIFICATION HAS CHANGED"), run.err());
      assertTrue(run.err().contains("ax nodes forget " + address), run.err());
      assertTrue(run.err().strip().endsWith("[ERR_NODE_AUTH] Error: Host key verification failed: the node at '"
          + address + "' is not the one recorded in " + knownHosts() + "."), run.err());
      assertTrue(first.requests.isEmpty());

      CliRun forget = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", address);
      assertEquals("Removed " + address + " from " + knownHosts(), forget.out().strip());
      CliRun after = CliRun.inHome(home, ScriptedPrompt.answering("yes"), "settings", "scopes", "--local", address);
      assertEquals(0, after.exitCode(), after.err());
    }
  }

  @Test
  void aWrongP2pIdFailsInTheHandshake() throws Exception {
    try (FakeSecureNode node = new FakeSecureNode(9, request -> SCOPES)) {
      String address = node.address() + "/p2p/" + TestKeys.nodeId(1);
      CliRun run = CliRun.inHome(home, ScriptedPrompt.answering("yes"), "settings", "scopes", "--local", address);
      assertEquals(1, run.exitCode());
      assertTrue(run.err().strip().endsWith("[ERR_NODE_AUTH] Error: The node at " + node.address() + " proved the ID "
          + node.nodeId() + ", but the address demands " + TestKeys.nodeId(1) + "."), run.err());
      assertTrue(node.requests.isEmpty());
    }
  }

  @Test
  void nodeErrorsAndNodesLs() throws Exception {
    JsonObject unauthorized = new JsonObject().put("code", "ERR_UNAUTHORIZED")
        .put("message", "Provided key is not authorized to access the API.");
    try (FakeSecureNode node = new FakeSecureNode(9, request -> unauthorized)) {
      CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "settings", "get", ".", "--local", node.address(),
          "--accept-new-host");
      assertEquals(1, run.exitCode());
      assertTrue(run.err().strip().endsWith(
          "[ERR_UNAUTHORIZED] Error: Provided key is not authorized to access the API."), run.err());
      CliRun ls = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "ls", "--local", node.address(), "--json");
      JsonObject row = new JsonObject(ls.out()).getJsonArray("result").getJsonObject(0);
      assertEquals(node.address(), row.getString("host"));
      assertEquals(true, row.getBoolean("reachable"));
      assertEquals("ERR_UNAUTHORIZED", row.getJsonObject("error").getString("code"));
    }
  }

  @Test
  void settingsSetSendsTheValue() throws Exception {
    JsonObject object = new JsonObject().put("general", new JsonObject().put("authorizedKeys", new JsonArray()));
    try (FakeSecureNode node = new FakeSecureNode(9, request -> new JsonObject().put("code", "OK").put("result", object))) {
      CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "settings", "set",
          "com.actyx.os/general/authorizedKeys", "[\"0abc=\"]", "--local", node.address(), "--accept-new-host");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().startsWith("Successfully replaced settings at com.actyx.os/general/authorizedKeys."
          + " Created object with defaults:"), run.out());
      assertEquals(new JsonObject().put("scope", "com.actyx.os/general/authorizedKeys")
          .put("value", new JsonArray().add("0abc=")), node.requests.get(0).getJsonObject("params"));
    }
  }
}
