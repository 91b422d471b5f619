package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.net.NetServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AxClientVerticle#PREPARE}: the connection opened while {@code ax} parses its command
 * line carries the first call, and a hint that cannot connect changes no answer.
 */
class AxClientPrepareTest {

  private static final long WAIT_MILLIS = 10_000;
  private static final String OK = "{\"code\":\"OK\",\"result\":{\"displayName\":\"a\"}}";

  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch connected = new CountDownLatch(1);
  private Vertx vertx;
  private NetServer server;

  @BeforeEach
  void start(@TempDir Path config) throws Exception {
    vertx = Vertx.vertx();
    // A raw socket server: Vert.x's HTTP server reports a connection only with its first request.
    server = await(vertx.createNetServer().connectHandler(socket -> {
      connections.incrementAndGet();
      connected.countDown();
      StringBuilder received = new StringBuilder();
      socket.handler(bytes -> {
        received.append(bytes.toString(StandardCharsets.US_ASCII));
        if (received.indexOf("\r\n\r\n") >= 0) {
          requests.incrementAndGet();
          received.setLength(0);
          socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + OK.length()
              + "\r\n\r\n" + OK);
        }
      });
    }).listen(0, "127.0.0.1"));
    await(vertx.deployVerticle(new AxClientVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put(AxClientVerticle.CONFIG_DIR, config.toString()))));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private JsonObject call(String node) throws Exception {
    AdminCall call = new AdminCall(AdminOperation.SETTINGS_GET, new JsonObject().put("scope", "com.actyx.os"));
    return await(vertx.eventBus().<JsonObject>request(Addresses.AX_CLIENT_CALL,
        ClientRequest.of(call, node).toJson()).map(Message::body));
  }

  @Test
  void thePreparedConnectionCarriesTheFirstCall() throws Exception {
    String node = "127.0.0.1:" + server.actualPort();
    vertx.eventBus().send(AxClientVerticle.PREPARE, node);
    assertTrue(connected.await(WAIT_MILLIS, TimeUnit.MILLISECONDS), "connected on the hint alone");
    assertEquals(0, requests.get(), "a hint sends no request");
    assertEquals(new JsonObject(OK), call(node));
    assertEquals(1, connections.get(), "the call used the prepared connection");
    assertEquals(1, requests.get());
  }

  @Test
  void aHintThatCannotConnectChangesNoAnswer() throws Exception {
    String closed = "127.0.0.1:1";
    JsonObject unprepared = call(closed);
    vertx.eventBus().send(AxClientVerticle.PREPARE, closed);
    vertx.eventBus().send(AxClientVerticle.PREPARE, "not an address");
    assertEquals(unprepared, call(closed));
    assertEquals("ERR_NODE_UNREACHABLE", unprepared.getString("code"));
    assertTrue(unprepared.getString("message").startsWith("Node at 127.0.0.1:1 is unreachable"), unprepared.encode());
  }
}
