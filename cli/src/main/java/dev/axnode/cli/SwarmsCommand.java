package dev.axnode.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code ax swarms}: the group of swarm commands ({@link CommandTree} adds them). */
final class SwarmsCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new SwarmsCommand(), "swarms",
        "Manage private swarms and client keys, and measure the swarm.");
  }
}
