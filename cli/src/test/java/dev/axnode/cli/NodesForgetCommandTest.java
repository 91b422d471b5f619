package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesForgetCommandTest {

  static final String HOST = "/dns4/localhost/tcp/4458";

  @TempDir
  Path home;

  private Path file() {
    return home.resolve("actyxos/known_hosts");
  }

  @Test
  void removesTheEntryAndKeepsTheRest() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "# mine\n" + HOST + " " + TestKeys.nodeId(1) + "\n/dns4/other/tcp/4458 "
        + TestKeys.nodeId(2) + "\n");
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", HOST);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Removed " + HOST + " from " + file(), run.out().strip());
    assertEquals("# mine\n/dns4/other/tcp/4458 " + TestKeys.nodeId(2) + "\n", Files.readString(file()));
  }

  @Test
  void theP2pFormForgetsTheSameEntry() throws IOException {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), HOST + " " + TestKeys.nodeId(1) + "\n");
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", HOST + "/p2p/" + TestKeys.nodeId(1));
    assertEquals("Removed " + HOST + " from " + file(), run.out().strip());
    assertEquals("", Files.readString(file()));
  }

  @Test
  void anAbsentEntryIsAHarmlessNoOp() {
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", HOST);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(HOST + " is not in " + file() + "; nothing to remove.", run.out().strip());
    assertEquals("", run.err());
    assertFalse(Files.exists(file()), "nothing to rewrite");
    JsonObject json = new JsonObject(CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", HOST,
        "--json").out());
    assertEquals(false, json.getJsonObject("result").getBoolean("removed"));
  }

  @Test
  void everyFormOfTheAddressIsForgottenAndCommentsStay() throws IOException {
    Files.createDirectories(file().getParent());
    String other = "/ip4/10.0.0.5/tcp/4458 " + TestKeys.nodeId(2) + "  # keep\n";
    Files.writeString(file(), "/ip4/127.0.0.1/tcp/4458/ " + TestKeys.nodeId(1) + " # old\n" + other
        + "/ip4/127.0.0.1/tcp/4458 " + TestKeys.nodeId(3) + "\n");
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", "/ip4/127.0.0.1/tcp/4458");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(other, Files.readString(file()));
  }

  @Test
  void anInvalidAddressIsInvalidInput() {
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "nodes", "forget", "localhost:4458");
    assertEquals(true, run.err().contains("ERR_INVALID_INPUT"), run.err());
    assertFalse(Files.exists(file()));
  }
}
