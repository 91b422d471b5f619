package dev.axnode.cli;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/**
 * The client's side of one event stream, whichever API carries it: counts the events,
 * pauses the transport while {@link EventSink#WINDOW} of them wait for the terminal, and
 * completes with {@code {"code":"OK","result":{"events":n}}} (or fails) only once every
 * event was taken, so the command has printed them all when the answer arrives. Confined to the
 * verticle's context.
 */
final class EventFlow {

  /** The transport's reading: pause and resume it. */
  interface Valve {
    void pause();

    void resume();
  }

  private final EventSink sink;
  private final Promise<JsonObject> result = Promise.promise();
  private Valve valve;
  private long events;
  private int unacknowledged;
  private boolean paused;
  private boolean ended;
  private Throwable failure;

  EventFlow(EventSink sink) {
    this.sink = sink;
  }

  void valve(Valve valve) {
    this.valve = valve;
  }

  io.vertx.core.Future<JsonObject> result() {
    return result.future();
  }

  void event(JsonObject event) {
    events++;
    unacknowledged++;
    if (unacknowledged >= EventSink.WINDOW && !paused && valve != null) {
      paused = true;
      valve.pause();
    }
    sink.event(event, this::acknowledged);
  }

  private void acknowledged() {
    unacknowledged--;
    if (paused && unacknowledged <= EventSink.WINDOW / 2) {
      paused = false;
      valve.resume();
    }
    completeIfDone();
  }

  /** The node ended the stream cleanly. */
  void end() {
    ended = true;
    completeIfDone();
  }

  /** The stream failed: the failure is the answer once the events before it were taken. */
  void fail(Throwable failure) {
    if (this.failure == null && !ended) {
      this.failure = failure;
      ended = true;
    }
    completeIfDone();
  }

  private void completeIfDone() {
    if (ended && unacknowledged == 0) {
      if (failure != null) {
        result.tryFail(failure);
      } else {
        result.tryComplete(AxCommand.ok(new JsonObject().put("events", events)));
      }
    }
  }
}
