package dev.axnode.adminapi;

import dev.axnode.cli.AxClientVerticle;
import dev.axnode.cli.ClientRequest;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.boot.NodeConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ax} client verticle in a test's own Vert.x, driven by event-bus messages only,
 * against a real node core: every operation of the request model reaches the node over HTTP
 * and over the secure API, and both answer alike.
 */
class AdminModelIT {

  private static final String DISPLAY_NAME = "com.actyx.os/general/displayName";

  @TempDir
  Path dataDir;
  @TempDir
  Path configDir;

  private HttpTestNode node;
  private Vertx client;

  @BeforeEach
  void start() {
    node = new HttpTestNode(dataDir, new NodeConfig());
    client = Vertx.vertx();
    await(client.deployVerticle(new AxClientVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put(AxClientVerticle.CONFIG_DIR, configDir.toString()))));
  }

  @AfterEach
  void stop() {
    await(client.close());
    node.close();
  }

  @Test
  void everyOperationIsReachableOverHttpAndTheSecureApi() {
    String http = "127.0.0.1:" + node.httpPort;
    String secure = "/ip4/127.0.0.1/tcp/" + node.adminPort;
    for (AdminOperation operation : AdminOperation.values()) {
      AdminCall call = sample(operation);
      JsonObject overHttp = call(ClientRequest.of(call, http));
      JsonObject overSecure = call(ClientRequest.of(call, secure).acceptingNewHosts());
      assertReached(operation, overHttp);
      assertReached(operation, overSecure);
      assertEquals(overHttp.getString("code"), overSecure.getString("code"), operation + ": " + overHttp
          + " vs " + overSecure);
      if (operation.operationName().startsWith("settings.") || !"OK".equals(overHttp.getString("code"))) {
        assertEquals(overHttp, overSecure, operation + " answers alike over both APIs");
      }
    }
  }

  /**
   * An event query through the client verticle: over both APIs the events reach the terminal
   * address one by one, each acknowledged, and the answer counts them.
   */
  @Test
  void eventStreamsReachTheTerminalOverBothApis() {
    FakeEvents events = new FakeEvents(node.vertx);
    try {
      events.fill(250, 16);
      for (String address : List.of("127.0.0.1:" + node.httpPort, "/ip4/127.0.0.1/tcp/" + node.adminPort)) {
        List<Integer> received = new CopyOnWriteArrayList<>();
        String terminal = Addresses.axClientTerminal("events-" + received.hashCode());
        var consumer = client.eventBus().<JsonObject>consumer(terminal, message -> {
          JsonObject event = message.body().getJsonObject("event");
          if (event != null) { // else a notice: a new key pair, a new known host
            received.add(event.getJsonObject("payload").getInteger("i"));
          }
          message.reply(new JsonObject());
        });
        await(consumer.completion());
        ClientRequest request = new ClientRequest(AdminCall.of(AdminOperation.EVENTS_QUERY), address,
            ClientRequest.DEFAULT_TIMEOUT_MILLIS, true, terminal, false);
        JsonObject answer;
        try {
          answer = call(request);
        } catch (AssertionError e) {
          throw new AssertionError(address + ": " + received.size() + " events received", e);
        }
        assertEquals(new JsonObject().put("code", "OK").put("result", new JsonObject().put("events", 250)), answer,
            address);
        assertEquals(250, received.size(), address);
        for (int i = 0; i < 250; i++) {
          assertEquals(i, received.get(i), address);
        }
        await(consumer.unregister());
      }
    } finally {
      events.close();
    }
  }

  @Test
  void theVerticleAsksTheTerminalAddressAboutANewHost() throws Exception {
    List<String> notices = new CopyOnWriteArrayList<>();
    List<String> questions = new CopyOnWriteArrayList<>();
    String terminal = Addresses.axClientTerminal("test");
    client.eventBus().<JsonObject>consumer(terminal, (Message<JsonObject> message) -> {
      if (message.body().containsKey("ask")) {
        questions.add(message.body().getString("ask"));
        message.reply(new JsonObject().put("answer", "yes"));
      } else {
        notices.add(message.body().getString("notice"));
        message.reply(new JsonObject());
      }
    });
    String secure = "/ip4/127.0.0.1/tcp/" + node.adminPort;
    ClientRequest request = new ClientRequest(AdminCall.of(AdminOperation.SETTINGS_SCOPES), secure,
        ClientRequest.DEFAULT_TIMEOUT_MILLIS, false, terminal, true);
    JsonObject answer = call(request);
    assertEquals("OK", answer.getString("code"), answer.encode());
    assertEquals("[\"com.actyx.os\"]", answer.getJsonArray("result").encode());
    assertEquals(1, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("No local key pair found, generated one (\"0"), notices.get(0));
    assertEquals(1, questions.size());
    assertTrue(questions.get(0).contains("The authenticity of host '" + secure + "' can't be established."),
        questions.get(0));
    assertTrue(Files.readString(configDir.resolve("known_hosts")).startsWith(secure + " 12D3KooW"));
  }

  @Test
  void failuresComeBackAsErrorEnvelopes() {
    String secure = "/ip4/127.0.0.1/tcp/" + node.adminPort;
    JsonObject refused = call(ClientRequest.of(AdminCall.of(AdminOperation.SETTINGS_SCOPES), secure));
    assertEquals("ERR_NODE_AUTH", refused.getString("code"), "no terminal, no --accept-new-host: " + refused);
    assertFalse(Files.exists(configDir.resolve("known_hosts")));
    JsonObject badAddress = call(ClientRequest.of(AdminCall.of(AdminOperation.NODE_INSPECT), " "));
    assertEquals("ERR_INVALID_INPUT", badAddress.getString("code"));
    JsonObject unknown = await(client.eventBus().<JsonObject>request(Addresses.AX_CLIENT_CALL,
        new JsonObject().put("operation", "settings.explode").put("node", "localhost"))).body();
    assertEquals(new JsonObject().put("code", "ERR_INVALID_INPUT").put("message", "Unknown operation: settings.explode"),
        unknown);
    JsonObject missingScope = call(ClientRequest.of(AdminCall.of(AdminOperation.SETTINGS_GET),
        "127.0.0.1:" + node.httpPort));
    assertEquals("ERR_INVALID_INPUT", missingScope.getString("code"));
  }

  private JsonObject call(ClientRequest request) {
    return await(client.eventBus().<JsonObject>request(Addresses.AX_CLIENT_CALL, request.toJson())).body();
  }

  /** A call of every operation a node core without swarm verticles can serve, or refuse by itself. */
  private static AdminCall sample(AdminOperation operation) {
    String peer = "/ip4/127.0.0.1/tcp/9/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
    AdminCall call = AdminCall.of(operation);
    return switch (operation) {
      case NODE_INSPECT, SETTINGS_SCOPES, VERTICLES_LS, SWARM_PEERS -> call;
      case SETTINGS_GET, SETTINGS_UNSET -> call.with("scope", DISPLAY_NAME);
      case SETTINGS_SET -> call.with("scope", DISPLAY_NAME).with("value", "Model node");
      case SETTINGS_SCHEMA -> call.with("scope", "com.actyx.os");
      case VERTICLES_SWAP -> call.with("name", HttpTestNode.NOOP);
      case SWARM_PERF -> call.with("multiaddr", peer).with("downloadBytes", 1);
      case SWARM_SETUPS -> call.with("multiaddr", peer).with("seconds", 1);
      case SWARM_PROGRESS -> call.with("runId", "no-such-run");
      case EVENTS_PUBLISH -> call.with("data", new io.vertx.core.json.JsonArray().add(new JsonObject()
          .put("semantics", "orders").put("name", "o-1").put("payload", 1)));
      case EVENTS_QUERY, EVENTS_SUBSCRIBE -> call.with("filter", new JsonObject().put("semantics", "orders"));
      case EVENTS_OFFSETS, EVENTS_KEYS_LS -> call;
      case EVENTS_KEYS_CREATE -> call.with("semantics", "orders");
      case EVENTS_KEYS_GRANT -> call.with("semantics", "orders").with("nodeId", peer.substring(peer.lastIndexOf('/') + 1));
      case EVENTS_KEYS_ROTATE -> call.with("semantics", "orders");
    };
  }

  /** The node ran the operation: neither its router nor its dispatch turned the request away. */
  private static void assertReached(AdminOperation operation, JsonObject answer) {
    String message = answer.getString("message", "");
    // The node itself may answer ERR_NODE_UNREACHABLE for a verticle it does not run (this core has no swarm):
    // that is the operation reached; the client failing to reach the node is not.
    boolean verticleMissing = message.contains("verticle is not running");
    assertFalse("ERR_NODE_UNREACHABLE".equals(answer.getString("code")) && !verticleMissing, operation + ": " + answer);
    assertFalse(message.startsWith("No such API endpoint") || message.startsWith("Unknown method")
        || message.startsWith("Method ") || message.startsWith("Missing"), operation + ": " + answer);
  }
}
