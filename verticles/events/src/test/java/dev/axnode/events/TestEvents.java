package dev.axnode.events;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.NodeIdentity;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A node core for the events tests: the real keystore, settings and events verticles on one Vert.x and a data directory. */
final class TestEvents implements AutoCloseable {

  final Vertx vertx;
  final Path dataDir;
  final String nodeId;
  private String eventsDeployment;
  EventsVerticle events;

  TestEvents(Path dataDir) throws Exception {
    this.dataDir = dataDir;
    this.vertx = Vertx.vertx();
    MessageCodecs.registerAll(vertx.eventBus());
    JsonObject config = new JsonObject().put("dataDir", dataDir.toAbsolutePath().toString());
    await(vertx.deployVerticle("dev.axnode.keystore.KeystoreVerticle",
        new DeploymentOptions().setConfig(config.copy().put("scryptLog2N", 4))));
    await(vertx.deployVerticle("dev.axnode.settings.SettingsVerticle", new DeploymentOptions().setConfig(config)));
    startEvents();
    nodeId = TestEvents.<NodeIdentity>await(BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null)).nodeId().toString();
  }

  void startEvents() throws Exception {
    startEvents(new JsonObject());
  }

  /** Deploys the events verticle with {@code config} besides the data directory. */
  void startEvents(JsonObject config) throws Exception {
    events = new EventsVerticle();
    eventsDeployment = await(vertx.deployVerticle(events,
        new DeploymentOptions().setConfig(config.copy().put("dataDir", dataDir.toAbsolutePath().toString()))));
  }

  void stopEvents() throws Exception {
    await(vertx.undeploy(eventsDeployment));
  }

  JsonObject request(String address, JsonObject body) throws Exception {
    return await(BusRequests.request(vertx, address, body, 30_000));
  }

  /** Publishes {@code count} events of {@code semantics}/{@code name} with payload {"i": first + k}. */
  JsonObject publish(String semantics, String name, int first, int count) throws Exception {
    JsonArray events = new JsonArray();
    for (int k = 0; k < count; k++) {
      events.add(new JsonObject().put("semantics", semantics).put("name", name).put("payload", new JsonObject().put("i", first + k)));
    }
    return request(Addresses.EVENTS_PUBLISH, new JsonObject().put("events", events));
  }

  JsonObject offsets() throws Exception {
    return request(Addresses.EVENTS_OFFSETS, new JsonObject());
  }

  void setting(String scope, Object value) throws Exception {
    await(BusRequests.request(vertx, Addresses.SETTINGS_SET, new dev.axnode.kernel.message.SettingsSet(scope, value)));
  }

  static AxException refused(ErrorCode code, Future<?> request) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> await(request));
    AxException failure = AxException.from(e.getCause());
    assertEquals(code, failure.code(), failure.getMessage());
    return failure;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} until it holds or the deadline passes. */
  static void eventually(Duration within, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Object lock = new Object();
      synchronized (lock) {
        lock.wait(20);
      }
    }
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
