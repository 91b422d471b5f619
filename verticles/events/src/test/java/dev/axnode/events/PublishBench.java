package dev.axnode.events;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durable publish throughput through the bus (validation, group commit, keystore signature
 * per block, SQLite WAL with synchronous=FULL). Skipped in the suite; run it with
 * {@code mvn -B -o -pl verticles/events -am test -Dtest=PublishBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PublishBench {

  private static final Logger LOG = LoggerFactory.getLogger(PublishBench.class);

  @TempDir
  Path dir;

  @Test
  void durablePublishRates() throws Exception {
    try (TestEvents node = new TestEvents(dir)) {
      run(node, 100, 100, 8);
      LOG.info("batches of 100, 8 in flight: {} events/s", (long) run(node, 100, 1_000, 8));
      LOG.info("single events, one at a time: {} events/s", (long) run(node, 1, 2_000, 1));
      LOG.info("single events, 64 in flight: {} events/s", (long) run(node, 1, 20_000, 64));
    }
  }

  /** Publishes {@code requests} batches of {@code batch} events with {@code parallel} requests outstanding; events per second. */
  private static double run(TestEvents node, int batch, int requests, int parallel) throws Exception {
    JsonArray events = new JsonArray();
    for (int i = 0; i < batch; i++) {
      events.add(new JsonObject().put("semantics", "bench").put("name", "n" + (i % 7))
          .put("payload", new JsonObject().put("i", i).put("value", 20.5).put("unit", "celsius")));
    }
    JsonObject body = new JsonObject().put("events", events);
    AtomicInteger sent = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    node.vertx.runOnContext(v -> {
      for (int p = 0; p < parallel; p++) {
        next(node, body, requests, sent, finished, done);
      }
    });
    TestEvents.await(done.future());
    return (double) requests * batch / ((System.nanoTime() - start) / 1e9);
  }

  private static void next(TestEvents node, JsonObject body, int requests, AtomicInteger sent, AtomicInteger finished,
                           Promise<Void> done) {
    if (sent.getAndIncrement() >= requests) {
      return;
    }
    Future<Object> reply = BusRequests.request(node.vertx, Addresses.EVENTS_PUBLISH, body, 30_000);
    reply.onSuccess(r -> {
      if (finished.incrementAndGet() == requests) {
        done.complete();
      } else {
        next(node, body, requests, sent, finished, done);
      }
    }).onFailure(done::tryFail);
  }
}
