package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ax GROUP LEAF …} builds only root, group and leaf ({@link CommandTree}); it must
 * parse, help and refuse exactly as the whole tree does, and name every leaf the same.
 */
class CommandTreeTest {

  private static Ax ax() {
    return new Ax(new ByteArrayInputStream(new byte[0]));
  }

  /** Every "GROUP LEAF" of the whole tree. */
  private static List<String[]> leaves() {
    List<String[]> leaves = new ArrayList<>();
    CommandTree.full(ax()).getSubcommands().forEach((group, groupLine) ->
        groupLine.getSubcommands().keySet().forEach(leaf -> leaves.add(new String[] {group, leaf})));
    return leaves;
  }

  /** The whole tree run on {@code args}, as {@link Ax#run} ran it before trees were pruned. */
  private static CliRun fullTree(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (Ax ax = ax()) {
      int code = Ax.commandLine(ax, new PrintWriter(out), new PrintWriter(err)).execute(args);
      return new CliRun(code, out.toString(), err.toString());
    }
  }

  private static String[] with(String[] leaf, String... more) {
    List<String> args = new ArrayList<>(List.of(leaf));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  @Test
  void aLeafCommandLineBuildsOnlyItsLeaf() {
    CommandLine tree = CommandTree.forArgs(ax(), new String[] {"settings", "get", "com.actyx.os", "--local", "x"});
    assertEquals(List.of("settings"), List.copyOf(tree.getSubcommands().keySet()));
    assertEquals(List.of("get"), List.copyOf(tree.getSubcommands().get("settings").getSubcommands().keySet()));
  }

  @Test
  void everyOtherCommandLineBuildsTheWholeTree() {
    int all = CommandTree.full(ax()).getSubcommands().size();
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"settings"},
        new String[] {"settings", "--help"}, new String[] {"settings", "gett"}, new String[] {"completion", "bash"},
        new String[] {"--version", "settings", "get"})) {
      assertEquals(all, CommandTree.forArgs(ax(), args).getSubcommands().size(), String.join(" ", args));
    }
  }

  @Test
  void everyLeafHelpsAndRefusesAsInTheWholeTree() {
    for (String[] leaf : leaves()) {
      for (String[] args : List.of(with(leaf, "--help"), with(leaf, "--no-such-option"),
          with(leaf, "--json", "--no-such-option"), with(leaf, "-h", "--local"))) {
        assertEquals(fullTree(args), CliRun.of(args), String.join(" ", args));
      }
    }
  }
}
