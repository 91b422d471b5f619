package dev.axnode.cli;

import picocli.CommandLine.Command;

/** {@code ax events}: the group of event commands ({@link CommandTree} adds them). */
@Command(name = "events",
    mixinStandardHelpOptions = true,
    description = "Publish, query and subscribe to the events of a node.")
final class EventsCommand {
}
