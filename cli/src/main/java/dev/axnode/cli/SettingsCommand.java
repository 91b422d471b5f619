package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax settings}: the group of settings commands ({@link CommandTree} adds them). */
@Command(name = "settings",
    mixinStandardHelpOptions = true,
    description = "Read and change the settings of a node.")
final class SettingsCommand {
}
