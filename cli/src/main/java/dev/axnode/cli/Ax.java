package dev.axnode.cli;

import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.ErrorCode;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code ax}, the command-line client of ax nodes. Picocli parses, a subcommand builds an
 * admin call, the {@link AxClientVerticle} performs it (over the event bus of a minimal
 * Vert.x, {@link AxClient}), and the process exits with the result:
 * 0 on success, 1 on any error (usage errors included, reported as
 * {@code ERR_INVALID_INPUT}).
 *
 * <p>An instance is the context of one run: standard input, the CLI's configuration
 * directory, the terminal to ask questions on, and the client, which is started on first
 * use so that commands that need no node never start Vert.x.
 */
public final class Ax implements AutoCloseable {

  private final InputStream stdin;
  private final CliConfig config;
  private final HostPrompt prompt;
  private FutureTask<AxClient> starting;
  private AxClient client;

  Ax(InputStream stdin) {
    this(stdin, CliConfig.fromEnvironment(), new ConsolePrompt());
  }

  Ax(InputStream stdin, CliConfig config, HostPrompt prompt) {
    this.stdin = stdin;
    this.config = config;
    this.prompt = prompt;
  }

  public static void main(String[] args) {
    StartupTrace.mark("main");
    // Resolve host names with the JDK rather than starting Netty's DNS resolver: faster startup.
    System.setProperty("vertx.disableDnsResolver", "true");
    // Netty's allocator otherwise registers JFR event types, whose annotations cost a dozen
    // runtime-generated proxy classes (no AOT cache can hold them) on every run.
    System.setProperty("io.netty.jfr.enabled", "false");
    // Picocli otherwise looks for Groovy on the class path, a miss that opened and indexed the
    // whole jar on the command's thread.
    System.setProperty("picocli.disable.closures", "true");
    // Vert.x's start looks up virtual threads by reflection; the JDK's default accessor for that
    // one call is a chain of method handles spun at run time (~10-20 ms), the native one is not.
    System.setProperty("jdk.reflect.useNativeAccessorOnly", "true");
    QuietLogs.install();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(
        new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
    // The client's Vert.x is closed first (run does): the JVM's exit waits up to 300 ms for
    // threads still in native code, as an idle event loop is in epoll; closing takes ~10 ms.
    int exitCode = run(args, System.in, out, err);
    StartupTrace.mark("exit");
    // Everything is written and closed by now, and ax registers no shutdown hook: halting skips
    // the JDK's shutdown sequence (~10 ms of a ~250 ms command).
    out.flush();
    err.flush();
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(exitCode);
  }

  /** Runs one command line and returns its exit code; closes the node client, if any. */
  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, new Ax(in), out, err);
  }

  /** Runs one command line in the given context (tests pass their own directory and terminal). */
  static int run(String[] args, Ax context, PrintWriter out, PrintWriter err) {
    try (Ax ax = context) {
      String node = localOption(args);
      if (node != null) {
        ax.startClientEarly(node);
      }
      CommandLine commandLine = commandLine(CommandTree.forArgs(ax, args), out, err);
      StartupTrace.mark("command tree built");
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The whole picocli command tree of {@code ax}, writing to the given streams. */
  static CommandLine commandLine(Ax ax, PrintWriter out, PrintWriter err) {
    return commandLine(CommandTree.full(ax), out, err);
  }

  /** A command tree made ready to run: streams and error handlers, set after all its commands are added. */
  private static CommandLine commandLine(CommandLine commandLine, PrintWriter out, PrintWriter err) {
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(Ax::usageError);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      AxCommand.printError(new CommandException(ErrorCode.INTERNAL_ERROR, message),
          parsed.originalArgs().contains("--json"), cl.getOut(), cl.getErr());
      return AxCommand.EXIT_ERROR;
    });
    return commandLine;
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    boolean json = Arrays.asList(args).contains("--json");
    AxCommand.printError(CommandException.invalidInput(e.getMessage()), json, cl.getOut(), cl.getErr());
    if (!json) {
      cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
      cl.getErr().flush();
    }
    return AxCommand.EXIT_ERROR;
  }

  /** The root of the command tree ({@link CommandSpecs}): {@code ax}, its version and help. */
  CommandSpec spec() {
    CommandSpec spec = CommandSpecs.command(this, "ax", "Inspect and manage ax nodes through their admin API.");
    spec.versionProvider(new Version());
    return CommandSpecs.withStandardHelp(spec);
  }

  InputStream stdin() {
    return stdin;
  }

  CliConfig config() {
    return config;
  }

  /** The value of the last {@code --local} on a command line (as picocli takes it), or null. */
  static String localOption(String[] args) {
    String node = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--local") && i + 1 < args.length) {
        node = args[i + 1];
      } else if (args[i].startsWith("--local=")) {
        node = args[i].substring("--local=".length());
      }
    }
    return node;
  }

  /**
   * Starts the client on another thread while picocli parses, for a command line that
   * names a node: both take a while to load their classes, and a CLI should start fast.
   * The client meanwhile connects to the node, if it is an HTTP one.
   */
  void startClientEarly(String node) {
    if (starting == null && client == null) {
      // First: the key's curve tables are the longest start-up work of a secure command.
      CompletableFuture<ClientKeyPair> keyAhead = KeyAhead.read(config, node);
      indexJarAhead();
      starting = new FutureTask<>(() -> AxClient.start(config, prompt, node, keyAhead));
      Thread thread = new Thread(starting, "ax-client-start");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Has the class loader open and index the jar on a thread of its own: Vert.x's start needs it
   * (its service loaders), and reading the central directory of a jar of ~7,600 entries in
   * code not yet compiled took tens of milliseconds on the client's thread.
   */
  private static void indexJarAhead() {
    Thread thread = new Thread(() -> Ax.class.getClassLoader().getResource("META-INF/MANIFEST.MF"), "ax-jar-index");
    thread.setDaemon(true);
    thread.start();
  }

  /** The client (its Vert.x and verticle), started on first use. */
  AxClient client() {
    if (client == null) {
      client = starting == null ? AxClient.start(config, prompt) : started();
      starting = null;
    }
    return client;
  }

  private AxClient started() {
    try {
      return starting.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "Interrupted while starting the client");
    } catch (ExecutionException e) {
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "Cannot start the client: " + e.getCause());
    }
  }

  @Override
  public void close() {
    AxClient toClose = client;
    if (toClose == null && starting != null) {
      try {
        toClose = starting.get();
      } catch (ExecutionException e) {
        toClose = null; // it never started: nothing to close
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    starting = null;
    client = null;
    if (toClose != null) {
      StartupTrace.mark("closing");
      toClose.close();
      StartupTrace.mark("closed");
    }
  }

  /** What {@code ax --version} prints. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ax " + AxVersion.version()};
    }
  }
}
