package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command, option and parameter is described in one style: one sentence-case line ending with a period. */
class HelpTextTest {

  /** What fits beside the command names in an 80-column listing. */
  private static final int MAX_COMMAND_DESCRIPTION = 68;

  private static CommandLine root() {
    return Ax.commandLine(new Ax(new ByteArrayInputStream(new byte[0])),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  private static List<CommandLine> all(CommandLine command) {
    List<CommandLine> commands = new ArrayList<>();
    commands.add(command);
    command.getSubcommands().values().forEach(sub -> commands.addAll(all(sub)));
    return commands;
  }

  private static void assertStyle(String where, String[] description) {
    assertEquals(1, description.length, where + ": one line of description");
    String text = description[0];
    assertTrue(!text.isBlank(), where + ": a description");
    assertTrue(Character.isUpperCase(text.charAt(0)), where + ": starts with a capital letter: " + text);
    assertTrue(text.endsWith("."), where + ": ends with a period: " + text);
    assertTrue(!text.contains("\n"), where + ": one line: " + text);
  }

  @Test
  void theCommandTreeIsComplete() {
    List<String> names = new ArrayList<>();
    all(root()).forEach(c -> names.add(c.getCommandSpec().qualifiedName()));
    assertEquals(List.of("ax", "ax nodes", "ax nodes inspect", "ax nodes ls", "ax nodes forget", "ax settings",
        "ax settings get", "ax settings set", "ax settings unset", "ax settings schema", "ax settings scopes",
        "ax swarms", "ax swarms keygen", "ax swarms listKeys", "ax swarms perf", "ax swarms setups",
        "ax events", "ax events publish", "ax events query", "ax events subscribe", "ax events offsets",
        "ax events keys", "ax verticles", "ax verticles ls",
        "ax verticles swap", "ax completion"), names);
  }

  @Test
  void everyCommandOptionAndParameterIsDescribedInOneStyle() {
    for (CommandLine command : all(root())) {
      CommandSpec spec = command.getCommandSpec();
      String name = spec.qualifiedName();
      assertStyle(name, spec.usageMessage().description());
      String description = spec.usageMessage().description()[0];
      assertTrue(description.length() <= MAX_COMMAND_DESCRIPTION,
          name + ": fits on one line of its parent's command list: " + description);
      for (ArgSpec arg : spec.args()) {
        String argName = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
        assertStyle(name + " " + argName, arg.description());
      }
    }
  }

  @Test
  void everyLeafCommandHasJsonAndHelp() {
    for (CommandLine command : all(root())) {
      CommandSpec spec = command.getCommandSpec();
      assertTrue(spec.optionsMap().containsKey("--help"), spec.qualifiedName() + " has --help");
      if (command.getSubcommands().isEmpty()) {
        assertTrue(spec.optionsMap().containsKey("--json"), spec.qualifiedName() + " has --json");
      }
    }
  }

  @Test
  void helpOfEveryCommandPrintsAndExitsZero() {
    for (CommandLine command : all(root())) {
      List<String> args = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
      args.remove(0);
      args.add("--help");
      CliRun run = CliRun.of(args.toArray(new String[0]));
      assertEquals(0, run.exitCode(), String.join(" ", args));
      assertTrue(run.out().startsWith("Usage: " + command.getCommandSpec().qualifiedName()), run.out());
      assertEquals("", run.err());
    }
  }

  @Test
  void versionNamesAx() {
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("ax "), run.out());
  }
}
