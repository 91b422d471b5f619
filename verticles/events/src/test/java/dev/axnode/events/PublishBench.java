package dev.axnode.events;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Durable publish throughput through the bus (validation, group commit, keystore signature
 * per block, SQLite WAL with synchronous=FULL), in three set-ups measured in turns so a
 * loaded machine hurts them alike: the real keystore signing plain events ("signed"), the
 * same node publishing to an encrypted family ("sealed"), and a node whose keystore is a
 * stub answering every signature request with 64 zero bytes at once ("unsigned": the
 * baseline the signing and sealing ratios compare against; only this bench has it).
 * Skipped in the suite; run it with
 * {@code mvn -B -o -pl verticles/events -am test -Dtest=PublishBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.rounds=n} repeats the turns; the best round of each figure is reported).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class PublishBench {

  private static final Logger LOG = LoggerFactory.getLogger(PublishBench.class);
  private static final String SEALED_SEMANTICS = "bench-secret";

  @TempDir
  Path dir;

  @Test
  void durablePublishRates() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 2);
    Map<String, Double> best = new LinkedHashMap<>();
    try (TestEvents signed = new TestEvents(dir.resolve("signed"));
         StubNode unsigned = new StubNode(dir.resolve("unsigned"))) {
      signed.request(Addresses.EVENTS_KEYS, new JsonObject().put("op", "create").put("semantics", SEALED_SEMANTICS));
      run(signed.vertx, "bench", 100, 200, 8);
      run(signed.vertx, SEALED_SEMANTICS, 100, 200, 8);
      run(unsigned.vertx, "bench", 100, 200, 8);
      for (int round = 0; round < rounds; round++) {
        for (String setup : List.of("unsigned", "signed", "sealed")) {
          Vertx vertx = setup.equals("unsigned") ? unsigned.vertx : signed.vertx;
          String semantics = setup.equals("sealed") ? SEALED_SEMANTICS : "bench";
          measure(best, setup + " batches of 100, 8 in flight", run(vertx, semantics, 100, 1_000, 8));
          measure(best, setup + " batches of 100, 16 in flight", run(vertx, semantics, 100, 1_000, 16));
          measure(best, setup + " single events, one at a time", run(vertx, semantics, 1, 1_000, 1));
          measure(best, setup + " single events, 64 in flight", run(vertx, semantics, 1, 20_000, 64));
        }
      }
    }
    best.forEach((what, rate) -> LOG.info("BEST {}: {} events/s", what, Math.round(rate)));
    for (String kind : List.of("batches of 100, 8 in flight", "batches of 100, 16 in flight",
        "single events, one at a time", "single events, 64 in flight")) {
      double plain = best.get("unsigned " + kind);
      LOG.info("RATIO {}: signed {}x, sealed {}x slower than unsigned", kind,
          String.format("%.2f", plain / best.get("signed " + kind)), String.format("%.2f", plain / best.get("sealed " + kind)));
    }
  }

  private static void measure(Map<String, Double> best, String what, double[] rateAndCpu) {
    LOG.info("{}: {} events/s, {} µs of CPU per event", what, Math.round(rateAndCpu[0]), String.format("%.1f", rateAndCpu[1]));
    best.merge(what, rateAndCpu[0], Math::max);
  }

  /**
   * Publishes {@code requests} batches of {@code batch} events with {@code parallel} requests
   * outstanding: events per second, and this JVM's CPU time per event in microseconds (all
   * threads; on a shared machine the rate varies with the others' load, the CPU time much less).
   */
  private static double[] run(Vertx vertx, String semantics, int batch, int requests, int parallel) throws Exception {
    JsonArray events = new JsonArray();
    for (int i = 0; i < batch; i++) {
      events.add(new JsonObject().put("semantics", semantics).put("name", "n" + (i % 7))
          .put("payload", new JsonObject().put("i", i).put("value", 20.5).put("unit", "celsius")));
    }
    JsonObject body = new JsonObject().put("events", events);
    AtomicInteger sent = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    vertx.runOnContext(v -> {
      for (int p = 0; p < parallel; p++) {
        next(vertx, body, requests, sent, finished, done);
      }
    });
    TestEvents.await(done.future());
    double published = (double) requests * batch;
    return new double[] {published / ((System.nanoTime() - start) / 1e9), (cpuNanos() - cpuStart) / 1e3 / published};
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void next(Vertx vertx, JsonObject body, int requests, AtomicInteger sent, AtomicInteger finished,
                           Promise<Void> done) {
    if (sent.getAndIncrement() >= requests) {
      return;
    }
    Future<Object> reply = BusRequests.request(vertx, Addresses.EVENTS_PUBLISH, body, 60_000);
    reply.onSuccess(r -> {
      if (finished.incrementAndGet() == requests) {
        done.complete();
      } else {
        next(vertx, body, requests, sent, finished, done);
      }
    }).onFailure(done::tryFail);
  }

  /**
   * The settings and events verticles with a stub keystore: a fixed random identity and
   * signatures of 64 zero bytes, answered on the event loop without any crypto, and no
   * stream keys (every family plain).
   */
  private static final class StubNode implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();

    StubNode(Path dataDir) throws Exception {
      MessageCodecs.registerAll(vertx.eventBus());
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      NodeIdentity identity = new NodeIdentity(NodeId.ofPublicKey(key));
      List<Future<Void>> registered = new ArrayList<>();
      registered.add(vertx.eventBus().consumer(Addresses.KEYSTORE_IDENTITY, m -> m.reply(identity)).completion());
      registered.add(vertx.eventBus().consumer(Addresses.KEYSTORE_SIGN, m -> m.reply(new Signature(new byte[64])))
          .completion());
      TestEvents.await(Future.all(registered));
      JsonObject config = new JsonObject().put("dataDir", dataDir.toAbsolutePath().toString());
      TestEvents.await(vertx.deployVerticle("dev.axnode.settings.SettingsVerticle", new DeploymentOptions().setConfig(config)));
      TestEvents.await(vertx.deployVerticle(new EventsVerticle(v -> new PlainPayloadKeys()),
          new DeploymentOptions().setConfig(config)));
    }

    @Override
    public void close() throws Exception {
      TestEvents.await(vertx.close());
    }
  }
}
