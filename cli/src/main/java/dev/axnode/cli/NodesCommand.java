package dev.axnode.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code ax nodes}: the group of node commands ({@link CommandTree} adds them). */
final class NodesCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new NodesCommand(), "nodes",
        "Inspect nodes and check whether they are reachable.");
  }
}
