package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax verticles}: the group of verticle commands ({@link CommandTree} adds them). */
@Command(name = "verticles",
    mixinStandardHelpOptions = true,
    description = "List the verticles of a node and swap them at run time.")
final class VerticlesCommand {
}
