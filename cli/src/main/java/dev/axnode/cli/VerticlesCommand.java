package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax verticles}: the group of verticle commands. */
@Command(name = "verticles",
    mixinStandardHelpOptions = true,
    description = "List the verticles of a node and swap them at run time.",
    subcommands = {VerticlesLsCommand.class, VerticlesSwapCommand.class})
final class VerticlesCommand {
}
