package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax swarms}: the group of swarm commands. */
@Command(name = "swarms",
    mixinStandardHelpOptions = true,
    description = "Manage private swarms: keys and throughput tests.",
    subcommands = {SwarmsKeygenCommand.class, SwarmsPerfCommand.class})
final class SwarmsCommand {
}
