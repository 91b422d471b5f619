package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax swarms}: the group of swarm commands. */
@Command(name = "swarms",
    mixinStandardHelpOptions = true,
    description = "Manage private swarms and client keys, and measure the swarm.",
    subcommands = {SwarmsKeygenCommand.class, SwarmsListKeysCommand.class, SwarmsPerfCommand.class,
        SwarmsSetupsCommand.class})
final class SwarmsCommand {
}
