package dev.axnode.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code ax verticles}: the group of verticle commands ({@link CommandTree} adds them). */
final class VerticlesCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new VerticlesCommand(), "verticles",
        "List the verticles of a node and swap them at run time.");
  }
}
