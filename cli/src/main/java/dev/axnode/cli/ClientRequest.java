package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;

/**
 * What a command asks of {@link AxClientVerticle} at {@code Addresses.AX_CLIENT_CALL}: one
 * admin operation on one node. Travels as JSON on the client's local event bus:
 *
 * <pre>
 * {"operation": "settings.get", "params": {…}, "node": "localhost:4457",
 *  "timeoutMillis": 10000, "acceptNewHost": false, "terminal": "ax.client.terminal.…", "interactive": true}
 * </pre>
 *
 * @param call          the operation and its params
 * @param node          the node as {@code --local} names it: HOST[:PORT] or a multiaddr
 * @param timeoutMillis how long the request may take once the connection is ready
 * @param acceptNewHost trust a secure-API node not yet in known_hosts without asking
 * @param terminal      where to send notices and questions for the user, or null for nowhere
 * @param interactive   whether a person can answer questions at that terminal
 */
public record ClientRequest(AdminCall call, String node, long timeoutMillis, boolean acceptNewHost,
                            String terminal, boolean interactive) {

  /** How long a call may take unless the command says otherwise. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  /** A call of {@code node} with the default timeout, no terminal and no trust of new hosts. */
  public static ClientRequest of(AdminCall call, String node) {
    return new ClientRequest(call, node, DEFAULT_TIMEOUT_MILLIS, false, null, false);
  }

  public ClientRequest acceptingNewHosts() {
    return new ClientRequest(call, node, timeoutMillis, true, terminal, interactive);
  }

  public JsonObject toJson() {
    return new JsonObject().put("operation", call.operation().operationName()).put("params", call.params())
        .put("node", node).put("timeoutMillis", timeoutMillis).put("acceptNewHost", acceptNewHost)
        .put("terminal", terminal).put("interactive", interactive);
  }

  /** Reads a request; a malformed one is an {@code ERR_INVALID_INPUT} {@link CommandException}. */
  static ClientRequest fromJson(JsonObject json) {
    try {
      String name = json.getString("operation");
      AdminOperation operation = AdminOperation.byName(name)
          .orElseThrow(() -> CommandException.invalidInput("Unknown operation: " + name));
      return new ClientRequest(new AdminCall(operation, json.getJsonObject("params")), json.getString("node"),
          json.getLong("timeoutMillis", DEFAULT_TIMEOUT_MILLIS), json.getBoolean("acceptNewHost", false),
          json.getString("terminal"), json.getBoolean("interactive", false));
    } catch (ClassCastException e) {
      throw CommandException.invalidInput("Malformed client request: " + e.getMessage());
    }
  }
}
