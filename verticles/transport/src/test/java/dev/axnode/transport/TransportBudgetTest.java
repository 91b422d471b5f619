package dev.axnode.transport;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.MessageCodecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport verticle driven through the event bus, with the layer above played by a stub
 * on {@code PSK_OPEN}: from 127.0.0.1 it secures every connection at once, from 127.0.0.2 it
 * never does (idle sockets), from 127.0.0.3 it refuses. Real sockets on loopback.
 */
class TransportBudgetTest {

  private Vertx vertx;
  private int port;
  private final List<ConnectionOpen> opens = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void deploy() throws Exception {
    vertx = Vertx.vertx();
    MessageCodecs.registerAll(vertx.eventBus());
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    vertx.eventBus().<BoundAddress>consumer(Addresses.KERNEL_ADDRESS_BOUND, m -> {
      bound.complete(m.body().port());
      m.reply(null);
    });
    vertx.eventBus().consumer(Addresses.SETTINGS_GET, m -> m.reply(new JsonValue(new JsonObject())));
    vertx.eventBus().<ConnectionOpen>consumer(Addresses.PSK_OPEN, m -> {
      ConnectionOpen open = m.body();
      opens.add(open);
      if (open.remoteAddress().startsWith("/ip4/127.0.0.3/")) {
        BusRequests.fail(m, new AxException(ErrorCode.NODE_UNREACHABLE, "refused by the stub"));
        return;
      }
      m.reply(null);
      if (open.remoteAddress().startsWith("/ip4/127.0.0.1/")) {
        vertx.eventBus().publish(Addresses.CONNECTION_EVENTS, ConnectionEvent.secured(open.connectionId(), "peer"));
      }
    });
    JsonObject config = new JsonObject().put("swarmBind", "127.0.0.1").put("swarmPort", 0);
    vertx.deployVerticle(new TransportVerticle(), new DeploymentOptions().setConfig(config)).await(30, TimeUnit.SECONDS);
    port = bound.get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void idleSocketsFromOneHostHoldAtMostItsPendingSlotsAndNeverLockOutAnother() throws Exception {
    for (int i = 0; i < 140; i++) {
      connectFrom("127.0.0.2");
    }
    await("the idle sockets reached the transport", () -> opens.size() >= 16);
    await("one host holds at most 16 pending slots", () -> stats().getInteger("pending") <= 16);
    long start = System.nanoTime();
    connectFrom("127.0.0.1");
    await("the legitimate peer reached the layer above",
        () -> opens.stream().anyMatch(o -> o.remoteAddress().startsWith("/ip4/127.0.0.1/")));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMs < 1_000, "the legitimate peer waited " + tookMs + " ms");
  }

  @Test
  void aConnectionFromAnIpBeyondItsLimitIsRefused() throws Exception {
    for (int i = 0; i < 32; i++) {
      connectFrom("127.0.0.1");
      // one at a time: a burst beyond 16 pending from one IP would evict its oldest pending connections
      int expected = i + 1;
      await("connection " + expected + " secured",
          () -> stats().equals(new JsonObject().put("connections", expected).put("pending", 0)));
    }
    Socket extra = connectFrom("127.0.0.1");
    extra.setSoTimeout(5_000);
    assertEquals(-1, extra.getInputStream().read(), "the 33rd connection from one IP was not closed");
    for (Socket socket : sockets.subList(0, 32)) {
      assertTrue(stillOpen(socket), "a secured connection was closed for a newcomer");
    }
    assertEquals(32, stats().getInteger("connections"));
  }

  @Test
  void aConnectionTheLayerAboveRefusesLeavesNoEntry() throws Exception {
    for (int i = 0; i < 50; i++) {
      connectFrom("127.0.0.3");
    }
    await("every refusal reached the transport", () -> opens.size() >= 50);
    await("no entry left", () -> stats().equals(new JsonObject().put("connections", 0).put("pending", 0)));
  }

  private Socket connectFrom(String ip) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(ip, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    sockets.add(socket);
    return socket;
  }

  private JsonObject stats() {
    try {
      return (JsonObject) BusRequests.<JsonValue>request(vertx, Addresses.TRANSPORT_STATS, null)
          .await(10, TimeUnit.SECONDS).value();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the transport did not report its counts", e);
    }
  }

  private static boolean stillOpen(Socket socket) throws IOException {
    socket.setSoTimeout(100);
    try {
      return socket.getInputStream().read() != -1;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }

  /** Polls {@code condition} every 20 ms for at most 10 s. */
  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)).join();
    }
  }
}
