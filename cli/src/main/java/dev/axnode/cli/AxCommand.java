package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shared base of every subcommand: {@code --json}, the output streams picocli was
 * given, and one way to print results and errors.
 *
 * <p>A subcommand computes an envelope {@code {"code":"OK","result":…}} in {@link #run()}.
 * With {@code --json} the envelope is printed as one line; without it
 * {@link #printHuman} prints the result. A {@link CommandException} prints as
 * {@code [ERR_…] Error: message} on stderr (or its JSON form on stdout) and exits 1.
 */
abstract class AxCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_ERROR = 1;

  private final String name;
  private final String description;
  /** This command's picocli model, once {@link #commandSpec()} built it. */
  CommandSpec spec;
  boolean json;

  AxCommand(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /**
   * This command's picocli model ({@link CommandSpecs}): name, description, the options and
   * parameters {@link #declare} adds, and {@code -h}/{@code -V}.
   */
  final CommandSpec commandSpec() {
    spec = CommandSpecs.command(this, name, description);
    declare(spec);
    return CommandSpecs.withStandardHelp(spec);
  }

  /** Adds this command's options and parameters to {@code spec}; a subclass adds its own after its superclass's. */
  protected void declare(CommandSpec spec) {
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--json").description("Print the result as one line of JSON."),
        boolean.class, () -> json, value -> json = value).build());
  }

  /** Does the work and returns the success envelope, or null when it printed its result itself. */
  protected abstract JsonObject run();

  /** Prints the envelope's result for a person to read. */
  protected abstract void printHuman(Object result, PrintWriter out);

  @Override
  public final Integer call() {
    StartupTrace.mark("parsed");
    try {
      JsonObject envelope = run();
      StartupTrace.mark("answer");
      if (envelope == null) {
        // A stream (ax events query, subscribe) printed its events as they came: nothing more.
        out().flush();
        return EXIT_OK;
      }
      if (json) {
        out().println(envelope.encode());
      } else {
        printHuman(envelope.getValue("result"), out());
      }
      out().flush();
      StartupTrace.mark("printed");
      return EXIT_OK;
    } catch (CommandException e) {
      return report(e);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      return report(new CommandException(ErrorCode.INTERNAL_ERROR, message));
    }
  }

  private int report(CommandException e) {
    printError(e, json, out(), spec.commandLine().getErr());
    return EXIT_ERROR;
  }

  /** Prints an error the one way every command does. */
  static void printError(CommandException e, boolean json, PrintWriter out, PrintWriter err) {
    if (json) {
      out.println(errorJson(e).encode());
      out.flush();
    } else {
      err.println("[" + e.code() + "] Error: " + e.getMessage());
      err.flush();
    }
  }

  static JsonObject errorJson(CommandException e) {
    return new JsonObject().put("code", e.code()).put("message", e.getMessage());
  }

  static JsonObject ok(Object result) {
    return new JsonObject().put("code", "OK").put("result", result);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The process-wide context: standard input and the lazily created node client. */
  protected Ax ax() {
    return (Ax) spec.root().userObject();
  }

  /** A value that may be missing from the node's answer, as text. */
  static String text(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }
}
