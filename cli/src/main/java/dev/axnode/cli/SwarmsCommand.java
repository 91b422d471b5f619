package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax swarms}: the group of swarm commands. */
@Command(name = "swarms",
    mixinStandardHelpOptions = true,
    description = "Manage the keys of private swarms.",
    subcommands = {SwarmsKeygenCommand.class})
final class SwarmsCommand {
}
