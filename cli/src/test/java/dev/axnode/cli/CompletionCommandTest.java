package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ax completion}: the script names every command, and a real bash completes with it. */
class CompletionCommandTest {

  private static final List<String> SUBCOMMANDS = List.of("nodes", "inspect", "ls", "forget", "settings", "get",
      "set", "unset", "schema", "scopes", "swarms", "keygen", "listKeys", "perf", "setups", "verticles", "swap",
      "completion");

  @Test
  void theBashScriptNamesEverySubcommand() {
    CliRun run = CliRun.of("completion", "bash");
    assertEquals(0, run.exitCode(), run.err());
    for (String name : SUBCOMMANDS) {
      assertTrue(run.out().matches("(?s).*\\b" + name + "\\b.*"), "the script names " + name);
    }
    assertTrue(run.out().contains("complete -F _complete_ax"), "registers its function for ax");
  }

  @Test
  void theZshScriptLoadsBashCompletionFirst() {
    CliRun run = CliRun.of("completion", "zsh");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith(CompletionCommand.ZSH_PREAMBLE), run.out());
    assertTrue(run.out().contains("complete -F _complete_ax"));
  }

  @Test
  void jsonCarriesTheScriptAndAnUnknownShellIsRefused() {
    CliRun json = CliRun.of("completion", "bash", "--json");
    assertEquals("OK", new JsonObject(json.out()).getString("code"));
    CliRun fish = CliRun.of("completion", "fish");
    assertEquals(1, fish.exitCode());
    assertTrue(fish.err().startsWith("[ERR_INVALID_INPUT] Error: "), fish.err());
  }

  @Test
  void bashCompletesSeToSettings(@TempDir Path dir) throws Exception {
    assumeTrue(new File("/bin/bash").canExecute(), "no bash on this machine");
    Path script = dir.resolve("ax-completion.bash");
    Files.writeString(script, CliRun.of("completion", "bash").out(), StandardCharsets.UTF_8);
    assertEquals("settings", complete(script, "ax se"));
    assertEquals("perf", complete(script, "ax swarms pe"));
  }

  /** What bash offers for the last word of {@code line}, as a TAB at its end would. */
  private static String complete(Path script, String line) throws Exception {
    String words = line.endsWith(" ") ? line + "''" : line;
    String program = "source '" + script + "'\n"
        + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}\n"
        + "COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
        + "_complete_ax ax \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Process bash = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", program)
        .redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash finished");
    assertEquals(0, bash.exitValue(), output);
    return output;
  }
}
