package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ax completion bash|zsh}: prints a script that completes {@code ax}'s commands and
 * options in that shell. Picocli writes the bash script from the command tree, so it can
 * never lag behind a new command; zsh runs the same script through its bash emulation.
 */
final class CompletionCommand extends AxCommand {

  /** The shells a script is written for. */
  enum Shell { bash, zsh }

  /**
   * zsh completes with bash scripts once its bash emulation is loaded; compinit only if the
   * user's setup has not run it, since running it twice costs a second on every shell start.
   */
  static final String ZSH_PREAMBLE = "# ax completion for zsh: picocli's bash script through bashcompinit\n"
      + "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }\n"
      + "autoload -U +X bashcompinit && bashcompinit\n";

  Shell shell;

  CompletionCommand() {
    super("completion", "Print a shell completion script for bash or zsh.");
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addPositional(CommandSpecs.bind(PositionalParamSpec.builder().index("0").paramLabel("SHELL")
        .description("The shell: ${COMPLETION-CANDIDATES}."),
        Shell.class, () -> shell, value -> shell = value).build());
  }

  @Override
  protected JsonObject run() {
    return ok(script(shell, spec.root().commandLine()));
  }

  static String script(Shell shell, picocli.CommandLine root) {
    String bash = AutoComplete.bash(root.getCommandName(), root);
    return shell == Shell.zsh ? ZSH_PREAMBLE + bash : bash;
  }

  @Override
  protected void printHuman(Object result, PrintWriter out) {
    out.print(result);
  }
}
