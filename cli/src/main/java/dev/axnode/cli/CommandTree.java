package dev.axnode.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The names and models of {@code ax}'s commands, and the part of the tree a command line
 * needs. Each command builds its picocli model in code ({@link CommandSpecs}); even so, a
 * short command builds only what it runs: {@code ax GROUP LEAF …} gets the root, that group
 * and that leaf only; everything else (no arguments, {@code --help}, {@code --version},
 * {@code completion}, a group alone, an unknown or misspelled command) gets the whole tree,
 * so that usage, help and error texts list every command as before. Within a leaf, picocli
 * parses, helps and refuses exactly as in the whole tree: a leaf sees only its own options.
 */
final class CommandTree {

  /** A group of commands: its own model and its leaves, by name, in help order. */
  private static final class Group {
    private final Supplier<CommandSpec> command;
    private final Map<String, Supplier<AxCommand>> leaves = new LinkedHashMap<>();

    private Group(Supplier<CommandSpec> command) {
      this.command = command;
    }

    private Group leaf(String name, Supplier<AxCommand> leaf) {
      leaves.put(name, leaf);
      return this;
    }
  }

  /** The groups by name, in help order, then the commands directly under {@code ax}. */
  private static final Map<String, Group> GROUPS = groups();
  private static final List<Supplier<AxCommand>> ROOT_LEAVES = List.of(CompletionCommand::new);

  private CommandTree() {
  }

  private static Map<String, Group> groups() {
    Map<String, Group> groups = new LinkedHashMap<>();
    groups.put("nodes", new Group(NodesCommand::spec).leaf("inspect", NodesInspectCommand::new)
        .leaf("ls", NodesLsCommand::new).leaf("forget", NodesForgetCommand::new));
    groups.put("settings", new Group(SettingsCommand::spec).leaf("get", SettingsGetCommand::new)
        .leaf("set", SettingsSetCommand::new).leaf("unset", SettingsUnsetCommand::new)
        .leaf("schema", SettingsSchemaCommand::new).leaf("scopes", SettingsScopesCommand::new));
    groups.put("swarms", new Group(SwarmsCommand::spec).leaf("keygen", SwarmsKeygenCommand::new)
        .leaf("listKeys", SwarmsListKeysCommand::new).leaf("perf", SwarmsPerfCommand::new)
        .leaf("setups", SwarmsSetupsCommand::new));
    groups.put("events", new Group(EventsCommand::spec).leaf("publish", EventsPublishCommand::new)
        .leaf("query", EventsQueryCommand::new).leaf("subscribe", EventsSubscribeCommand::new)
        .leaf("offsets", EventsOffsetsCommand::new).leaf("keys", EventsKeysCommand::new));
    groups.put("verticles", new Group(VerticlesCommand::spec).leaf("ls", VerticlesLsCommand::new)
        .leaf("swap", VerticlesSwapCommand::new));
    return groups;
  }

  /** The whole tree under {@code root}. */
  static CommandLine full(Ax root) {
    CommandLine commandLine = new CommandLine(root.spec());
    GROUPS.values().forEach(group -> {
      CommandLine groupLine = new CommandLine(group.command.get());
      group.leaves.values().forEach(leaf -> groupLine.addSubcommand(new CommandLine(leaf.get().commandSpec())));
      commandLine.addSubcommand(groupLine);
    });
    ROOT_LEAVES.forEach(leaf -> commandLine.addSubcommand(new CommandLine(leaf.get().commandSpec())));
    return commandLine;
  }

  /** What {@code args} needs: root, group and leaf for {@code GROUP LEAF …}, else the whole tree. */
  static CommandLine forArgs(Ax root, String[] args) {
    Group group = args.length >= 2 ? GROUPS.get(args[0]) : null;
    Supplier<AxCommand> leaf = group == null ? null : group.leaves.get(args[1]);
    if (leaf == null) {
      return full(root);
    }
    CommandLine groupLine = new CommandLine(group.command.get());
    groupLine.addSubcommand(new CommandLine(leaf.get().commandSpec()));
    CommandLine commandLine = new CommandLine(root.spec());
    commandLine.addSubcommand(groupLine);
    return commandLine;
  }
}
