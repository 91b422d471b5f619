package dev.axnode.adminapi;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secure API's budgets on a real node with real sockets: idle sockets that never finish a
 * handshake cannot lock a legitimate client out, one address holds at most
 * {@code maxConnectionsPerIp} connections, and a secured connection with no open stream is
 * closed after the idle timeout. Linux routes all of 127.0.0.0/8 to loopback, so clients
 * bound to 127.0.0.2 … stand for other hosts.
 */
class SecureApiLimitsIT {

  @TempDir
  Path dataDir;

  private TestNode node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void idleSocketsDoNotLockOutALegitimateClient() {
    node = new TestNode(dataDir, new JsonObject(), false);
    int perAddress = SecureListener.DEFAULT_MAX_PENDING_PER_IP;
    int addresses = SecureListener.DEFAULT_MAX_PENDING_HANDSHAKES / perAddress + 2;
    AtomicInteger closedByNode = new AtomicInteger();
    Promise<Void> evictionsSeen = Promise.promise();
    int idle = perAddress * addresses;
    int mustEvict = idle - SecureListener.DEFAULT_MAX_PENDING_HANDSHAKES;
    List<Future<NetSocket>> sockets = new ArrayList<>();
    for (int a = 0; a < addresses; a++) {
      NetClient client = node.rawClient("127.0.0." + (a + 2));
      for (int i = 0; i < perAddress; i++) {
        sockets.add(client.connect(node.adminPort(), "127.0.0.1").onSuccess(socket -> socket.closeHandler(v -> {
          if (closedByNode.incrementAndGet() >= mustEvict) {
            evictionsSeen.tryComplete();
          }
        })));
      }
    }
    await(Future.all(sockets));
    await(evictionsSeen.future());

    long started = System.nanoTime();
    JsonObject answer = node.connect(AdminTestClient.newKey()).openStream().call(1, "settings.scopes", null);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals("OK", answer.getString("code"));
    assertTrue(millis < 1000, idle + " idle sockets from " + addresses + " addresses, served in " + millis + " ms");
  }

  @Test
  void oneAddressHoldsAtMostItsShareOfConnections() {
    node = new TestNode(dataDir, new JsonObject(), false);
    String crowded = "127.0.0.5";
    List<AdminTestClient> clients = new ArrayList<>();
    for (int i = 0; i < SecureListener.DEFAULT_MAX_CONNECTIONS_PER_IP; i++) {
      clients.add(node.connect("127.0.0.1", AdminTestClient.newKey(), crowded));
    }
    long started = System.nanoTime();
    Future<AdminTestClient> refused = AdminTestClient.tryConnect(node.vertx, "127.0.0.1", node.adminPort(),
        AdminTestClient.newKey(), crowded);
    Throwable why = await(refused.transform(ar -> Future.succeededFuture(ar.cause())));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(why != null && why.getMessage().contains("closed"), "refused: " + why);
    assertTrue(millis < 1000, "refused in " + millis + " ms");
    for (int i = 0; i < clients.size(); i++) {
      assertEquals("OK", clients.get(i).openStream().call(i, "settings.scopes", null).getString("code"));
    }
    assertEquals("OK", node.connect("127.0.0.1", AdminTestClient.newKey(), "127.0.0.6").openStream()
        .call(1, "settings.scopes", null).getString("code"), "other addresses are served");
  }

  @Test
  void aConnectionWithNoOpenStreamIsClosedAfterTheIdleTimeout() {
    long idleMs = 400;
    node = new TestNode(dataDir, new JsonObject().put("idleTimeoutMs", idleMs), false);
    AdminTestClient silent = node.connect(AdminTestClient.newKey());
    AdminTestClient busy = node.connect(AdminTestClient.newKey());
    TestStream open = busy.openStream();
    await(silent.closedFuture());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silent.securedAtNanos());
    assertTrue(millis >= idleMs, "closed after " + millis + " ms");
    assertEquals("OK", open.call(1, "settings.scopes", null).getString("code"), "an open stream keeps it");

    open.closeWrite();
    open.awaitEnd();
    long done = System.nanoTime();
    await(busy.closedFuture());
    long idleAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - done);
    assertTrue(idleAfter >= idleMs - 50, "closed " + idleAfter + " ms after its last stream");
  }
}
