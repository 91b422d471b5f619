package dev.axnode.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code ax events}: the group of event commands ({@link CommandTree} adds them). */
final class EventsCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new EventsCommand(), "events",
        "Publish, query and subscribe to the events of a node.");
  }
}
