package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax nodes}: the group of node commands. */
@Command(name = "nodes",
    mixinStandardHelpOptions = true,
    description = "Inspect nodes and check whether they are reachable.",
    subcommands = {NodesInspectCommand.class, NodesLsCommand.class, NodesForgetCommand.class})
final class NodesCommand {
}
