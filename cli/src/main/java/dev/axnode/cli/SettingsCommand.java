package dev.axnode.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code ax settings}: the group of settings commands ({@link CommandTree} adds them). */
final class SettingsCommand {

  /** The group's model ({@link CommandSpecs}); its leaves are added to it. */
  static CommandSpec spec() {
    return CommandSpecs.group(new SettingsCommand(), "settings",
        "Read and change the settings of a node.");
  }

  /** The first parameter of every settings leaf: the scope it reads or changes. */
  static PositionalParamSpec scopeParameter(Supplier<String> get, Consumer<String> set) {
    return CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("SCOPE")
        .description("The settings scope, e.g. com.actyx.os/general/displayName, or . for all scopes."),
        String.class, get, set).build();
  }
}
