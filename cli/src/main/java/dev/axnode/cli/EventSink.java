package dev.axnode.cli;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Where the client verticle hands the events of a query or subscription, one at a time:
 * the command's terminal address, which prints each and then acknowledges it. The transport
 * stops reading from the node while {@link #WINDOW} events wait for their acknowledgement,
 * so a slow terminal slows the node's stream down instead of filling the client's memory.
 */
interface EventSink {

  /** Events handed over and not yet acknowledged before the transport pauses. */
  int WINDOW = 64;

  /** Hands over {@code event}; {@code ack} runs (on the verticle's context) once it was taken. */
  void event(JsonObject event, Runnable ack);

  /** Sends each event to {@code terminal} as {@code {"event": …}} ({@link AxClient}); none: events are dropped. */
  static EventSink toTerminal(Vertx vertx, String terminal) {
    if (terminal == null) {
      return (event, ack) -> ack.run();
    }
    return (event, ack) -> vertx.eventBus().request(terminal, new JsonObject().put("event", event))
        .onComplete(done -> ack.run());
  }
}
