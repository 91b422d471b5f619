package dev.axnode.deploy;

import dev.axnode.testkit.FreePorts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secure admin API against real node processes: DESIGN.md's transcript word for word in
 * a real terminal, authorizedKeys, a changed node identity, and the offline escape hatch.
 */
class SecureAdminIT {

  private static final Pattern KEY = Pattern.compile("0[A-Za-z0-9+/]{43}=");

  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    return FreePorts.outsideEphemeralRange("0.0.0.0");
  }

  private NodeProcess startNode(Path data, int adminPort) throws Exception {
    return NodeProcess.start(data, "--admin-port", String.valueOf(adminPort));
  }

  @Test
  void theTranscriptWorksWordForWordInATerminal() throws Exception {
    int adminPort = freePort();
    Path config = dir.resolve("config");
    String address = "/dns4/localhost/tcp/" + adminPort;
    try (NodeProcess node = startNode(dir.resolve("data"), adminPort)) {
      Terminal.Screen first = Terminal.run(config, "yes\n", "settings", "get", ".", "--local", address);
      assertEquals(0, first.exitCode(), first.text());
      List<String> lines = first.lines();
      Matcher generated = Pattern.compile("No local key pair found, generated one \\(\"(" + KEY + ")\"\\) at location "
          + Pattern.quote(config.resolve("actyxos/keys").toString())).matcher(lines.get(0));
      assertTrue(generated.matches(), first.text());
      String clientKey = generated.group(1);
      assertEquals("The authenticity of host '" + address + "' can't be established.", lines.get(1));
      assertEquals("Node's ID is '" + node.nodeId() + "'.", lines.get(2));
      assertEquals(Terminal.PROMPT + "yes", lines.get(3));
      assertEquals("com.actyx.os:", lines.get(4), first.text());
      assertTrue(first.text().contains("    displayName: Default Node"), first.text());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("actyxos/keys"))));

      Terminal.Screen listKeys = Terminal.run(config, null, "swarms", "listKeys");
      assertEquals("Local keystore location: " + config.resolve("actyxos/keys") + "\n\n"
          + "Available key pairs (identified by the respective public key):\n" + clientKey + "\n", listKeys.text());

      Terminal.Screen authorize = Terminal.run(config, null, "settings", "set", "com.actyx.os/general/authorizedKeys",
          "[\"" + clientKey + "\"]", "--local", address);
      assertTrue(authorize.text().startsWith("Successfully replaced settings at com.actyx.os/general/authorizedKeys. "
          + "Created object with defaults:\n---\ngeneral:\n  announceAddresses: []\n  authorizedKeys:\n    - "
          + clientKey + "\n"), authorize.text());

      Terminal.Screen lock = Terminal.run(config, null, "settings", "set",
          "com.actyx.os/general/requireAuthentication", "true", "--local", address);
      assertEquals(0, lock.exitCode(), lock.text());

      Terminal.Screen http = Terminal.run(config, null, "settings", "get", ".", "--local", node.local());
      assertEquals("[ERR_NODE_MISCONFIGURED] Error: Node HTTP API is not available, if setting "
          + "`com.actyx.os/general/requireAuthentication` is set to true. Consider using the experimental API on "
          + "port 4458 instead.\n", http.text());
      assertNotEquals(0, http.exitCode());

      Terminal.Screen stillSecure = Terminal.run(config, null, "settings", "get",
          "com.actyx.os/general/requireAuthentication", "--local", address);
      assertEquals("true\n", stillSecure.text());
    }
  }

  @Test
  void onlyAuthorizedKeysGetIn() throws Exception {
    int adminPort = freePort();
    String address = "/ip4/127.0.0.1/tcp/" + adminPort;
    AxCli first = new AxCli(dir.resolve("first"));
    AxCli second = new AxCli(dir.resolve("second"));
    try (NodeProcess node = startNode(dir.resolve("data"), adminPort)) {
      AxCli.Result hello = first.run("settings", "get", ".", "--local", address, "--accept-new-host");
      assertEquals(0, hello.exitCode(), hello::toString);
      String firstKey = firstKey(first);
      assertEquals(0, second.run("settings", "get", ".", "--local", address, "--accept-new-host").exitCode(),
          "an empty authorizedKeys lets everyone in");

      AxCli.Result refusedLock = first.run("settings", "set", "com.actyx.os/general/requireAuthentication", "true",
          "--local", address);
      assertTrue(refusedLock.stderr().startsWith("[ERR_SETTINGS_INVALID] Error: "), refusedLock::toString);

      assertEquals(0, first.run("settings", "set", "com.actyx.os/general/authorizedKeys", "[\"" + firstKey + "\"]",
          "--local", address).exitCode());
      AxCli.Result refused = second.run("settings", "get", ".", "--local", address);
      assertEquals("[ERR_UNAUTHORIZED] Error: Provided key is not authorized to access the API.",
          refused.stderr().strip(), refused::toString);
      assertEquals(0, first.run("settings", "get", ".", "--local", address).exitCode());

      assertEquals(0, first.run("settings", "set", "com.actyx.os/general/authorizedKeys", "[]",
          "--local", address).exitCode());
      assertEquals(0, second.run("settings", "get", ".", "--local", address).exitCode());
    }
  }

  @Test
  void aChangedIdentityIsRefusedUntilTheOldEntryIsRemoved() throws Exception {
    int adminPort = freePort();
    String address = "/dns4/localhost/tcp/" + adminPort;
    AxCli ax = new AxCli(dir.resolve("config"));
    String oldId;
    try (NodeProcess node = startNode(dir.resolve("old"), adminPort)) {
      oldId = node.nodeId();
      assertEquals(0, ax.run("settings", "get", ".", "--local", address, "--accept-new-host").exitCode());
    }
    try (NodeProcess replaced = startNode(dir.resolve("new"), adminPort)) {
      AxCli.Result changed = ax.run("settings", "get", ".", "--local", address, "--accept-new-host");
      assertNotEquals(0, changed.exitCode());
      String warning = changed.stderr();
      assertTrue(warning.contains("REMOTE NODE IDENTIFICATION HAS CHANGED"), warning);
      assertTrue(warning.contains(oldId) && warning.contains(replaced.nodeId()), warning);
      assertTrue(warning.contains(dir.resolve("config/actyxos/known_hosts").toString()), warning);
      assertTrue(warning.contains("ax nodes forget " + address), warning);
      assertTrue(warning.contains("[ERR_NODE_AUTH] Error: "), warning);

      AxCli.Result noTerminal = ax.run("settings", "get", ".", "--local", address);
      assertTrue(noTerminal.stderr().contains("[ERR_NODE_AUTH]"), noTerminal::toString);

      assertEquals(0, ax.run("nodes", "forget", address).exitCode());
      AxCli.Result unknownAgain = ax.run("settings", "get", ".", "--local", address);
      assertTrue(unknownAgain.stderr().contains("--accept-new-host"), unknownAgain::toString);
      Terminal.Screen prompt = Terminal.run(dir.resolve("config"), "yes\n", "settings", "get",
          "com.actyx.os/general/displayName", "--local", address);
      assertTrue(prompt.text().contains("Node's ID is '" + replaced.nodeId() + "'."), prompt.text());
      assertTrue(prompt.text().endsWith("Default Node\n"), prompt.text());
      Terminal.Screen no = Terminal.run(dir.resolve("other"), "no\n", "settings", "get", ".", "--local", address);
      assertTrue(no.text().contains("[ERR_NODE_AUTH]"), no.text());
    }
  }

  @Test
  void authorizeKeyOfflineLetsALockedOutUserBackIn() throws Exception {
    int adminPort = freePort();
    String address = "/ip4/127.0.0.1/tcp/" + adminPort;
    Path data = dir.resolve("data");
    AxCli owner = new AxCli(dir.resolve("owner"));
    AxCli lockedOut = new AxCli(dir.resolve("locked"));
    try (NodeProcess node = startNode(data, adminPort)) {
      owner.run("settings", "get", ".", "--local", address, "--accept-new-host");
      lockedOut.run("swarms", "listKeys");
      assertEquals(0, owner.run("settings", "set", "com.actyx.os/general/authorizedKeys",
          "[\"" + firstKey(owner) + "\"]", "--local", address).exitCode());
      assertEquals(0, lockedOut.run("settings", "get", ".", "--local", address, "--accept-new-host").exitCode() == 0
          ? 1 : 0, "the second key must be refused before authorize-key");
    }
    String secondKey = firstKey(lockedOut);
    Process authorize = new ProcessBuilder(TestJars.java(), "-jar", TestJars.nodeJar().toString(), "authorize-key",
        "--data-dir", data.toString(), secondKey).redirectErrorStream(true).start();
    String said = new String(authorize.getInputStream().readAllBytes());
    assertEquals(0, authorize.waitFor(), said);
    try (NodeProcess node = startNode(data, adminPort)) {
      AxCli.Result back = lockedOut.run("settings", "get", "com.actyx.os/general/authorizedKeys", "--json",
          "--local", address);
      assertEquals(0, back.exitCode(), back::toString);
      assertTrue(new JsonObject(back.stdout()).getJsonArray("result").contains(secondKey), back.stdout());
    }
  }

  private static String firstKey(AxCli ax) throws Exception {
    AxCli.Result keys = ax.run("swarms", "listKeys");
    Matcher key = KEY.matcher(keys.stdout());
    assertTrue(key.find(), keys::toString);
    return key.group();
  }
}
