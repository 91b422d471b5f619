package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH-style host checking: OK, NEW (ask, accept-new, refuse) and CHANGED. */
class HostVerifierTest {

  static final NodeId A = TestKeys.nodeId(1);
  static final NodeId B = TestKeys.nodeId(2);
  static final String HOST = "/dns4/localhost/tcp/4458";
  static final SecureNodeAddress ADDRESS = SecureNodeAddress.parse(HOST);

  @TempDir
  Path dir;

  private final StringWriter err = new StringWriter();

  private Path file() {
    return dir.resolve("known_hosts");
  }

  private HostVerifier verifier(HostPrompt prompt, boolean acceptNew) {
    return new HostVerifier(file(), prompt, new PrintWriter(err, true), acceptNew);
  }

  @Test
  void newHostAskedOnTheTerminalAndRecordedOnYes() throws IOException {
    ScriptedPrompt prompt = ScriptedPrompt.answering("  yes \n");
    verifier(prompt, false).verify(ADDRESS, A);
    assertEquals(List.of("The authenticity of host '/dns4/localhost/tcp/4458' can't be established.\n"
        + "Node's ID is '" + A + "'.\n"
        + "Are you sure you want to continue connecting (yes/no)? "), prompt.questions);
    assertEquals(HOST + " " + A + "\n", Files.readString(file()));
    assertEquals("", err.toString().strip(), "recording a host prints nothing more than the transcript shows");
  }

  @Test
  void anythingButYesRefuses() {
    for (String answer : new String[] {"no", "y", "YES", "", "yes please"}) {
      CommandException e = assertThrows(CommandException.class,
          () -> verifier(ScriptedPrompt.answering(answer), false).verify(ADDRESS, A), answer);
      assertEquals("ERR_NODE_AUTH", e.code());
      assertEquals("Host key verification failed.", e.getMessage());
    }
    CommandException eof = assertThrows(CommandException.class,
        () -> verifier(ScriptedPrompt.answering(null), false).verify(ADDRESS, A));
    assertEquals("Host key verification failed.", eof.getMessage());
    assertFalse(Files.exists(file()));
  }

  @Test
  void newHostWithoutTerminalIsRefusedWithoutWaiting() {
    ScriptedPrompt prompt = ScriptedPrompt.noTerminal();
    CommandException e = assertThrows(CommandException.class, () -> verifier(prompt, false).verify(ADDRESS, A));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertEquals("The authenticity of host '" + HOST + "' can't be established (node's ID is '" + A
        + "') and there is no terminal to ask. Re-run with --accept-new-host to trust it and record it in "
        + file() + ".", e.getMessage());
    assertTrue(prompt.questions.isEmpty());
    assertFalse(Files.exists(file()));
  }

  @Test
  void acceptNewHostRecordsWithoutAsking() throws IOException {
    ScriptedPrompt prompt = ScriptedPrompt.answering("no");
    verifier(prompt, true).verify(ADDRESS, A);
    assertTrue(prompt.questions.isEmpty());
    assertEquals(HOST + " " + A + "\n", Files.readString(file()));
  }

  @Test
  void knownHostIsOkSilently() throws IOException {
    Files.writeString(file(), "# mine\n" + HOST + " " + A + "\n");
    ScriptedPrompt prompt = ScriptedPrompt.answering("no");
    verifier(prompt, false).verify(ADDRESS, A);
    assertTrue(prompt.questions.isEmpty());
    assertEquals("", err.toString());
  }

  @Test
  void changedHostWarnsLoudlyRefusesAndKeepsTheEntry() throws IOException {
    String content = "# mine\n" + HOST + " " + A + "\n";
    Files.writeString(file(), content);
    CommandException e = assertThrows(CommandException.class,
        () -> verifier(ScriptedPrompt.answering("yes"), true).verify(ADDRESS, B));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertEquals(content, Files.readString(file()), "never overwritten, not even with --accept-new-host");
    String warning = err.toString();
    assertTrue(warning.contains("WARNING: REMOTE NODE IDENTIFICATION HAS CHANGED!"), warning);
    assertTrue(warning.contains("The node at '" + HOST + "' proved the ID\n    " + B + "\n"), warning);
    assertTrue(warning.contains("but " + file() + ":2 records\n    " + A + "\n"), warning);
    assertTrue(warning.contains("    ax nodes forget " + HOST + "\n"), warning);
  }

  @Test
  void p2pMismatchNamesBothIds() {
    SecureNodeAddress pinned = SecureNodeAddress.parse(HOST + "/p2p/" + A);
    CommandException e = assertThrows(CommandException.class,
        () -> verifier(ScriptedPrompt.answering("yes"), true).verify(pinned, B));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertEquals("The node at " + HOST + " proved the ID " + B + ", but the address demands " + A + ".",
        e.getMessage());
  }

  @Test
  void p2pMatchIsConsentForANewHost() throws IOException {
    ScriptedPrompt prompt = ScriptedPrompt.noTerminal();
    verifier(prompt, false).verify(SecureNodeAddress.parse(HOST + "/p2p/" + A), A);
    assertEquals(HOST + " " + A + "\n", Files.readString(file()), "recorded under the address without /p2p/");
  }

  @Test
  void aPinnedHostWithATrailingCommentRefusesAnImpostor() throws IOException {
    String content = HOST + " " + A + "   # my node\n";
    Files.writeString(file(), content);
    ScriptedPrompt prompt = ScriptedPrompt.answering("yes");
    CommandException e = assertThrows(CommandException.class, () -> verifier(prompt, true).verify(ADDRESS, B));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertTrue(prompt.questions.isEmpty(), "no first-use question for a pinned address");
    assertTrue(err.toString().contains("but " + file() + ":1 records\n    " + A + "\n"), err.toString());
    assertEquals(content, Files.readString(file()));
    verifier(prompt, false).verify(ADDRESS, A);
    assertEquals(content, Files.readString(file()), "the real node is OK and nothing is added");
  }

  @Test
  void anUnparsableLineIsAnErrorNeverAnUnknownHost() throws IOException {
    String content = "# mine\n" + HOST + " " + A + " is my node\n";
    Files.writeString(file(), content);
    ScriptedPrompt prompt = ScriptedPrompt.answering("yes");
    CommandException e = assertThrows(CommandException.class, () -> verifier(prompt, true).verify(ADDRESS, B));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertEquals(file() + ":2: cannot parse '" + HOST + " " + A + " is my node' (expected an address and a node ID, "
        + "found 5 fields); fix or remove the line", e.getMessage());
    assertTrue(prompt.questions.isEmpty());
    assertEquals(content, Files.readString(file()));
  }

  @Test
  void aTrailingSlashInTheFileIsTheSameHost() throws IOException {
    String content = "/ip4/127.0.0.1/tcp/4458/ " + A + "\n";
    Files.writeString(file(), content);
    SecureNodeAddress address = SecureNodeAddress.parse("/ip4/127.0.0.1/tcp/4458");
    verifier(ScriptedPrompt.noTerminal(), false).verify(address, A);
    assertEquals(content, Files.readString(file()));
    assertThrows(CommandException.class, () -> verifier(ScriptedPrompt.noTerminal(), true).verify(address, B));
  }

  @Test
  void anIdRecordedByAnotherRunWhileAskingIsNotOverwritten() throws IOException {
    String other = HOST + " " + B + "\n";
    HostPrompt racing = new HostPrompt() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String ask(String question) {
        try {
          Files.writeString(file(), other); // another ax run met a different node at this address meanwhile
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return "yes";
      }
    };
    CommandException e = assertThrows(CommandException.class, () -> verifier(racing, false).verify(ADDRESS, A));
    assertEquals("ERR_NODE_AUTH", e.code());
    assertTrue(err.toString().contains("REMOTE NODE IDENTIFICATION HAS CHANGED"), err.toString());
    assertEquals(other, Files.readString(file()));
  }
}
