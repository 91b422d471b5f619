package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax swarms}: the group of swarm commands ({@link CommandTree} adds them). */
@Command(name = "swarms",
    mixinStandardHelpOptions = true,
    description = "Manage private swarms and client keys, and measure the swarm.")
final class SwarmsCommand {
}
