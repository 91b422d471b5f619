package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A subcommand that talks to exactly one node, named by {@code --local}. */
abstract class NodeCommand extends AxCommand {

  static final String LOCAL_DESCRIPTION = "The node to talk to: HOST or HOST:PORT of its HTTP admin API"
      + " (default port 4457), or a multiaddr of its secure admin API such as /dns4/localhost/tcp/4458.";
  static final String ACCEPT_NEW_HOST_DESCRIPTION = "Trust a secure API node not yet in known_hosts"
      + " without asking, and record it there.";

  String local;
  boolean acceptNewHost;

  NodeCommand(String name, String description) {
    super(name, description);
  }

  @Override
  protected void declare(CommandSpec spec) {
    super.declare(spec);
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--local").required(true).paramLabel("NODE")
        .description(LOCAL_DESCRIPTION), String.class, () -> local, value -> local = value).build());
    spec.addOption(CommandSpecs.bind(OptionSpec.builder("--accept-new-host").description(ACCEPT_NEW_HOST_DESCRIPTION),
        boolean.class, () -> acceptNewHost, value -> acceptNewHost = value).build());
  }

  /** Parses {@code --local} before anything else happens, so a bad address costs no connection. */
  protected NodeAddress node() {
    return NodeAddress.parse(local);
  }

  /** Performs {@code operation} with {@code params} on the node and returns its success envelope. */
  protected JsonObject call(AdminOperation operation, JsonObject params) {
    return call(operation, params, ClientRequest.DEFAULT_TIMEOUT_MILLIS);
  }

  /** The same, for an operation that may take up to {@code timeoutMillis} once connected. */
  protected JsonObject call(AdminOperation operation, JsonObject params, long timeoutMillis) {
    node();
    AxClient client = ax().client();
    ClientRequest request = new ClientRequest(new AdminCall(operation, params), local, timeoutMillis, acceptNewHost,
        null, false);
    StartupTrace.mark("sending");
    return client.await(client.send(request), spec.commandLine().getErr());
  }

  /**
   * Runs an event query or subscription, handing each event to {@code onEvent} on this
   * thread as it arrives; returns the end envelope ({@code {"events": n}}). No timeout once
   * connected: a subscription runs until the process ends.
   */
  protected JsonObject callStream(AdminOperation operation, JsonObject params, Consumer<JsonObject> onEvent) {
    node();
    AxClient client = ax().client();
    ClientRequest request = new ClientRequest(new AdminCall(operation, params), local,
        ClientRequest.DEFAULT_TIMEOUT_MILLIS, acceptNewHost, null, false);
    return client.awaitEvents(client.send(request), spec.commandLine().getErr(), onEvent);
  }

  /**
   * The same for a long operation, drawing the node's progress on stderr while it runs when
   * stderr is a terminal and the output is not {@code --json}: the call then carries a
   * {@code runId} the node reports progress under ({@link ProgressReporter}).
   */
  protected JsonObject callWithProgress(AdminOperation operation, JsonObject params, long timeoutMillis) {
    if (json || !ProgressReporter.stderrIsTerminal()) {
      return call(operation, params, timeoutMillis);
    }
    node();
    AxClient client = ax().client();
    PrintWriter err = spec.commandLine().getErr();
    try (ProgressReporter progress = new ProgressReporter(client, local, acceptNewHost, err)) {
      Future<JsonObject> answer = client.send(new ClientRequest(
          new AdminCall(operation, params.copy().put("runId", progress.runId())), local, timeoutMillis, acceptNewHost,
          null, false));
      progress.start();
      return client.await(answer, err);
    }
  }
}
