package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax settings}: the group of settings commands. */
@Command(name = "settings",
    mixinStandardHelpOptions = true,
    description = "Read and change the settings of a node.",
    subcommands = {SettingsGetCommand.class, SettingsSetCommand.class, SettingsUnsetCommand.class,
        SettingsSchemaCommand.class, SettingsScopesCommand.class})
final class SettingsCommand {
}
