package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax nodes}: the group of node commands ({@link CommandTree} adds them). */
@Command(name = "nodes",
    mixinStandardHelpOptions = true,
    description = "Inspect nodes and check whether they are reachable.")
final class NodesCommand {
}
