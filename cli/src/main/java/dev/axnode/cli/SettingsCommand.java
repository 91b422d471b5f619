package dev.axnode.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code ax settings}: the group of settings commands ({@link CommandTree} adds them). */
final class SettingsCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new SettingsCommand(), "settings",
        "Read and change the settings of a node.");
  }
}
