package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How every command reports failures: the text form on stderr or JSON on stdout, exit 1. */
class ErrorsAndExitCodesTest {

  /** A loopback port nothing listens on: bound once, then closed. */
  private static int deadPort;

  @TempDir
  Path dir;

  @BeforeAll
  static void findADeadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
  }

  private static String dead() {
    return "127.0.0.1:" + deadPort;
  }

  @Test
  void unreachableNode() {
    CliRun run = CliRun.of("settings", "get", ".", "--local", dead());
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertEquals("[ERR_NODE_UNREACHABLE] Error: Node at " + dead() + " is unreachable: Connection refused",
        run.err().strip());
  }

  @Test
  void unreachableNodeAsJson() {
    CliRun run = CliRun.of("nodes", "inspect", "--local", dead(), "--json");
    assertEquals(1, run.exitCode());
    assertEquals("", run.err());
    assertEquals(1, run.out().strip().lines().count());
    JsonObject error = new JsonObject(run.out());
    assertEquals("ERR_NODE_UNREACHABLE", error.getString("code"));
    assertEquals("Node at " + dead() + " is unreachable: Connection refused", error.getString("message"));
  }

  @Test
  void everyNodeCommandReportsAnUnreachableNode() {
    String[][] commands = {
        {"nodes", "inspect"}, {"settings", "get", "."}, {"settings", "set", "com.actyx.os/general/displayName", "x"},
        {"settings", "unset", "."}, {"settings", "schema", "."}, {"settings", "scopes"}, {"verticles", "ls"},
        {"verticles", "swap", "admin-api"}};
    for (String[] command : commands) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 2);
      args[command.length] = "--local";
      args[command.length + 1] = dead();
      CliRun run = CliRun.of(args);
      assertEquals(1, run.exitCode(), String.join(" ", command));
      assertTrue(run.err().startsWith("[ERR_NODE_UNREACHABLE] Error: Node at " + dead()), run.err());
    }
  }

  @Test
  void nodesLsListsUnreachableNodesAndSucceeds() {
    CliRun run = CliRun.of("nodes", "ls", "--local", dead(), "--local", "[::1]:" + deadPort);
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\\R");
    assertEquals(3, lines.length, run.out());
    assertTrue(lines[0].matches("HOST +REACHABLE +NODE ID +DISPLAY NAME +UPTIME"), lines[0]);
    assertTrue(lines[1].matches("127\\.0\\.0\\.1:" + deadPort + " +no +- +- +-"), lines[1]);
    assertTrue(lines[2].matches("\\[::1]:" + deadPort + " +no +- +- +-"), lines[2]);
  }

  @Test
  void nodesLsAsJson() {
    CliRun run = CliRun.of("nodes", "ls", "--local", dead(), "--json");
    assertEquals(0, run.exitCode());
    JsonObject envelope = new JsonObject(run.out());
    assertEquals("OK", envelope.getString("code"));
    JsonObject row = new JsonArray(envelope.getValue("result").toString()).getJsonObject(0);
    assertEquals(dead(), row.getString("host"));
    assertEquals(false, row.getBoolean("reachable"));
    assertEquals("ERR_NODE_UNREACHABLE", row.getJsonObject("error").getString("code"));
  }

  @Test
  void invalidMultiaddrIsRefusedBeforeAnyConnectionOrKey() {
    CliRun run = CliRun.inHome(dir, ScriptedPrompt.noTerminal(), "settings", "get", ".", "--local",
        "/dns4/localhost/udp/4458");
    assertEquals(1, run.exitCode());
    assertEquals("[ERR_INVALID_INPUT] Error: Invalid node address /dns4/localhost/udp/4458: expected /tcp/PORT after"
        + " the host in /dns4/localhost/udp/4458. Use e.g. /dns4/localhost/tcp/4458 or /ip4/127.0.0.1/tcp/4458"
        + "[/p2p/NODE_ID].", run.err().strip());
    assertTrue(!java.nio.file.Files.exists(dir.resolve("actyxos/keys")));
  }

  @Test
  void unreachableSecureNode() {
    String node = "/ip4/127.0.0.1/tcp/" + deadPort;
    CliRun run = CliRun.inHome(dir, ScriptedPrompt.noTerminal(), "settings", "get", ".", "--local", node);
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("No local key pair found, generated one (\"0"), run.err());
    assertTrue(run.err().strip().endsWith("[ERR_NODE_UNREACHABLE] Error: Node at " + node
        + " is unreachable: Connection refused"), run.err());
  }

  @Test
  void unreadableValueFileIsErrIoBeforeAnyConnection() {
    Path missing = dir.resolve("nope.json");
    CliRun run = CliRun.of("settings", "set", ".", "@" + missing, "--local", dead());
    assertEquals(1, run.exitCode());
    assertEquals("[ERR_IO] Error: Cannot read file " + missing + ": No such file", run.err().strip());
  }

  @Test
  void valueFromStdinIsParsedBeforeConnecting() {
    CliRun parsed = CliRun.withStdin("general:\n  displayName: x\n", "settings", "set", ".", "@-", "--local", dead());
    assertTrue(parsed.err().startsWith("[ERR_NODE_UNREACHABLE] "), parsed.err());
    CliRun broken = CliRun.withStdin("general: [", "settings", "set", ".", "@-", "--local", dead());
    assertEquals(1, broken.exitCode());
    assertTrue(broken.err().startsWith("[ERR_INVALID_INPUT] Error: Cannot parse the value: "), broken.err());
  }

  @Test
  void invalidValueIsInvalidInput() {
    CliRun run = CliRun.of("settings", "set", ".", "{a: [", "--local", dead(), "--json");
    assertEquals(1, run.exitCode());
    assertEquals("ERR_INVALID_INPUT", new JsonObject(run.out()).getString("code"));
  }

  @Test
  void missingJarIsErrIo() {
    Path missing = dir.resolve("nope.jar");
    CliRun run = CliRun.of("verticles", "swap", "admin-api", "--jar", missing.toString(), "--local", dead());
    assertEquals(1, run.exitCode());
    assertEquals("[ERR_IO] Error: Cannot read file " + missing + ": No such file", run.err().strip());
  }

  @Test
  void usageErrorsAreInvalidInputWithExitOne() {
    CliRun run = CliRun.of("settings", "get", ".");
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    String[] lines = run.err().split("\\R");
    assertEquals("[ERR_INVALID_INPUT] Error: Missing required option: '--local=NODE'", lines[0]);
    assertEquals("Try 'ax settings get --help' for more information.", lines[1]);
  }

  @Test
  void usageErrorsAsJson() {
    CliRun run = CliRun.of("settings", "get", "--json");
    assertEquals(1, run.exitCode());
    assertEquals("", run.err());
    JsonObject error = new JsonObject(run.out());
    assertEquals("ERR_INVALID_INPUT", error.getString("code"));
  }

  @Test
  void unknownCommandAndMissingSubcommand() {
    CliRun unknown = CliRun.of("frobnicate");
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().startsWith("[ERR_INVALID_INPUT] Error: "), unknown.err());
    CliRun missing = CliRun.of("settings");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().startsWith("[ERR_INVALID_INPUT] Error: Missing required subcommand"), missing.err());
  }

  @Test
  void errorLineFormat() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    AxCommand.printError(new CommandException("ERR_NODE_MISCONFIGURED", "Node HTTP API is not available"), false,
        new java.io.PrintWriter(out), new java.io.PrintWriter(err));
    assertEquals("", out.toString());
    assertEquals("[ERR_NODE_MISCONFIGURED] Error: Node HTTP API is not available" + System.lineSeparator(),
        err.toString());
  }
}
