package dev.axnode.deploy.events;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An open NDJSON subscription read on its own thread, as an app would: lines queue up as they
 * arrive and the test takes them with a deadline. Keep-alive blank lines are skipped.
 */
final class Subscription implements AutoCloseable {

  private static final String END = "\u0000end";

  private final Stream<String> lines;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  Subscription(Stream<String> lines) {
    this.lines = lines;
    Thread reader = new Thread(this::read, "subscription-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      lines.filter(line -> !line.isBlank()).forEach(received::add);
    } catch (RuntimeException e) {
      // closed by the test or by the node; END tells the reader
    }
    received.add(END);
  }

  /** The next event, waiting at most {@code limit}; an error line or the end of the response fails. */
  JsonObject next(Duration limit) throws InterruptedException {
    String line = received.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new AssertionError("no event within " + limit.toSeconds() + " s");
    }
    if (line.equals(END)) {
      received.add(END);
      throw new AssertionError("the subscription ended");
    }
    JsonObject event = new JsonObject(line);
    if (event.containsKey("code")) {
      throw new AssertionError("the subscription ended with an error line: " + line);
    }
    return event;
  }

  /** The next {@code count} events, each within {@code limit} of the one before. */
  List<JsonObject> next(int count, Duration limit) throws InterruptedException {
    List<JsonObject> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(next(limit));
    }
    return events;
  }

  @Override
  public void close() {
    lines.close();
  }
}
