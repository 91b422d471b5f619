package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax swarms}: the group of swarm commands. */
@Command(name = "swarms",
    mixinStandardHelpOptions = true,
    description = "Manage private swarms and client keys, and test throughput.",
    subcommands = {SwarmsKeygenCommand.class, SwarmsListKeysCommand.class, SwarmsPerfCommand.class})
final class SwarmsCommand {
}
