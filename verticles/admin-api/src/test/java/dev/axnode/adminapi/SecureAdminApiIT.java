package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secure admin API on a real node core (kernel registry, keystore, settings, admin-api on
 * real Vert.x and real sockets), driven by a real libp2p client built from the secure-channel
 * library, as the CLI is.
 */
class SecureAdminApiIT {

  private static final String AUTHORIZED_KEYS = "com.actyx.os/general/authorizedKeys";
  private static final String REQUIRE_AUTH = "com.actyx.os/general/requireAuthentication";
  private static final long HANDSHAKE_TIMEOUT_MS = 8000;

  @TempDir
  Path dataDir;

  private TestNode node;
  private Vertx vertx;
  private int adminPort;
  private int httpPort;

  @BeforeEach
  void startNode() {
    node = new TestNode(dataDir, new JsonObject().put("handshakeTimeoutMs", HANDSHAKE_TIMEOUT_MS), false);
    vertx = node.vertx;
    adminPort = node.adminPort();
    httpPort = node.httpPort();
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  private AdminTestClient connect(Ed25519PrivateKeyParameters key) {
    return node.connect(key);
  }

  @Test
  void settingsRoundTripOverTheSecureApi() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    JsonObject set = stream.call(1, "settings.set", new JsonObject()
        .put("scope", "com.actyx.os/general/displayName").put("value", "Secure node"));
    assertEquals(1, set.getInteger("id"));
    assertEquals("OK", set.getString("code"), set.encode());
    assertEquals("Secure node", set.getJsonObject("result").getJsonObject("general").getString("displayName"));
    JsonObject get = stream.call(2, "settings.get", new JsonObject().put("scope", "com.actyx.os/general/displayName"));
    assertEquals(new JsonObject().put("id", 2).put("code", "OK").put("result", "Secure node"), get);
    JsonObject noDefaults = stream.call(3, "settings.get", new JsonObject().put("scope", ".").put("noDefaults", true));
    JsonObject stored = noDefaults.getJsonObject("result").getJsonObject("com.actyx.os").getJsonObject("general");
    assertEquals("Secure node", stored.getString("displayName"));
    assertNull(stored.getValue("requireAuthentication"), "no defaults: " + stored.encode());
    JsonObject unknown = stream.call(4, "settings.get", new JsonObject().put("scope", "com.example"));
    assertEquals("ERR_SETTINGS_UNKNOWN_SCOPE", unknown.getString("code"), unknown.encode());
    assertEquals(4, unknown.getInteger("id"));
  }

  @Test
  void everyMethodAnswersAsTheHttpApiDoes() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    NodeIdentity identity = await(BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null));
    JsonObject node = stream.call(1, "node.inspect", null);
    assertEquals(identity.nodeId().toString(), node.getJsonObject("result").getString("nodeId"));
    assertEquals(new JsonArray().add("com.actyx.os"), stream.call(2, "settings.scopes", null).getValue("result"));
    assertEquals("OK", stream.call(3, "settings.schema", new JsonObject().put("scope", "com.actyx.os")).getString("code"));
    JsonArray verticles = stream.call(4, "verticles.ls", new JsonObject()).getJsonArray("result");
    assertEquals(3, verticles.size(), verticles.encode());
    JsonObject peers = stream.call(5, "swarm.peers", null);
    assertEquals("ERR_NODE_UNREACHABLE", peers.getString("code"), "no swarm in this node: " + peers.encode());
    assertEquals(error(6, "ERR_INVALID_INPUT", AdminService.PERF_EXPECTED), stream.call(6, "swarm.perf", null));
    assertEquals(error(7, "ERR_INVALID_INPUT", "Not a verticle name: Bad Name"),
        stream.call(7, "verticles.swap", new JsonObject().put("name", "Bad Name")));
    assertEquals(error(8, "ERR_INVALID_INPUT", "Missing parameter 'scope' " + AdminService.SCOPE_EXAMPLE),
        stream.call(8, "settings.unset", null));
    assertEquals(error(9, "ERR_INVALID_INPUT", "Unknown method: settings.explode"),
        stream.call(9, "settings.explode", null));
    assertEquals(error(10, "ERR_INVALID_INPUT", "Missing parameter 'value': the new value as JSON"),
        stream.call(10, "settings.set", new JsonObject().put("scope", ".")));
    assertEquals("OK", stream.call(11, "settings.unset", new JsonObject().put("scope", "com.actyx.os")).getString("code"));
    assertEquals(error(12, "ERR_INVALID_INPUT", AdminService.SETUPS_EXPECTED), stream.call(12, "swarm.setups", null));
    assertEquals(error(13, "ERR_INVALID_INPUT", "seconds must be from 1 to 300, not 0"), stream.call(13, "swarm.setups",
        new JsonObject().put("multiaddr", "/ip4/127.0.0.1/tcp/1").put("seconds", 0)));
  }

  @Test
  void swapsAVerticleWithAnUploadedJarAndTheBuiltInClass() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    JsonObject notAJar = stream.call(1, "verticles.swap", new JsonObject().put("name", "settings")
        .put("jarBase64", "%%%"));
    assertEquals("ERR_INVALID_INPUT", notAJar.getString("code"), notAJar.encode());
    JsonObject swapped = stream.call(2, "verticles.swap", new JsonObject().put("name", "settings"));
    assertEquals("OK", swapped.getString("code"), swapped.encode());
    assertEquals("settings", swapped.getJsonObject("result").getString("name"));
    assertEquals("OK", stream.call(3, "settings.get", new JsonObject().put("scope", ".")).getString("code"));
  }

  @Test
  void onlyAuthorizedKeysMayCallOnceTheListHasEntries() {
    Ed25519PrivateKeyParameters admin = AdminTestClient.newKey();
    TestStream first = connect(admin).openStream();
    AdminTestClient secondClient = connect(AdminTestClient.newKey());
    TestStream second = secondClient.openStream();
    assertEquals("OK", second.call(1, "settings.scopes", null).getString("code"), "empty list: loopback may call");
    JsonObject set = first.call(1, "settings.set", new JsonObject().put("scope", AUTHORIZED_KEYS)
        .put("value", new JsonArray().add(AdminTestClient.keyText(admin))));
    assertEquals("OK", set.getString("code"), set.encode());
    assertNull(await(secondClient.closedFuture()), "the change closes the connection of a key it no longer admits");
    TestStream third = connect(AdminTestClient.newKey()).openStream();
    assertEquals(error(1, "ERR_UNAUTHORIZED", "Provided key is not authorized to access the API."),
        third.call(1, "settings.get", new JsonObject().put("scope", ".")));
    assertEquals("OK", first.call(2, "settings.scopes", null).getString("code"));
    assertEquals("OK", first.call(3, "settings.set", new JsonObject().put("scope", AUTHORIZED_KEYS)
        .put("value", new JsonArray())).getString("code"));
    assertEquals("OK", connect(AdminTestClient.newKey()).openStream().call(1, "settings.scopes", null).getString("code"),
        "emptied again: loopback may call");
  }

  @Test
  void requireAuthenticationClosesHttpButNotTheSecureApi() {
    Ed25519PrivateKeyParameters admin = AdminTestClient.newKey();
    TestStream stream = connect(admin).openStream();
    stream.call(1, "settings.set", new JsonObject().put("scope", AUTHORIZED_KEYS)
        .put("value", new JsonArray().add(AdminTestClient.keyText(admin))));
    JsonObject locked = stream.call(2, "settings.set", new JsonObject().put("scope", REQUIRE_AUTH).put("value", true));
    assertEquals("OK", locked.getString("code"), locked.encode());
    WebClient http = WebClient.create(vertx);
    HttpResponse<Buffer> refused = await(http.get(httpPort, "127.0.0.1", "/api/v1/settings").addQueryParam("scope", ".").send());
    assertEquals(503, refused.statusCode());
    assertEquals(new JsonObject().put("code", "ERR_NODE_MISCONFIGURED").put("message", AuthenticationGate.MISCONFIGURED),
        refused.bodyAsJsonObject());
    assertEquals(true, stream.call(3, "settings.get", new JsonObject().put("scope", REQUIRE_AUTH)).getValue("result"));
    assertEquals("OK", connect(admin).openStream().call(1, "node.inspect", null).getString("code"));
    http.close();
  }

  @Test
  void anOversizedLengthGetsAnErrorAndAResetAndTheConnectionGoesOn() {
    AdminTestClient client = connect(AdminTestClient.newKey());
    TestStream stream = client.openStream();
    stream.write(new byte[] {0x00, 0x10, 0x00, 0x01, '{'});
    JsonObject error = stream.next();
    assertEquals("ERR_INVALID_INPUT", error.getString("code"));
    assertTrue(error.containsKey("id") && error.getValue("id") == null, error.encode());
    assertTrue(error.getString("message").contains("1048577"), error.encode());
    stream.awaitReset();
    assertEquals("OK", client.openStream().call(1, "settings.scopes", null).getString("code"));
  }

  @Test
  void aFrameOfExactlyOneMebibyteIsServed() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    String head = "{\"id\":1,\"method\":\"settings.scopes\",\"pad\":\"";
    String tail = "\"}";
    String body = head + "x".repeat(AdminFrameCodec.MAX_JSON_BYTES - head.length() - tail.length()) + tail;
    assertEquals(AdminFrameCodec.MAX_JSON_BYTES, body.getBytes(StandardCharsets.UTF_8).length);
    stream.write(TestStream.frame(body.getBytes(StandardCharsets.UTF_8)));
    assertEquals("OK", stream.next().getString("code"));
  }

  @Test
  void aResultTooLargeForAFrameGetsAnErrorWithItsIdAndTheStreamGoesOn() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    // The request fits a frame; its answer, the whole com.actyx.os tree with defaults, does not.
    String name = "x".repeat(AdminFrameCodec.MAX_JSON_BYTES - 150);
    JsonObject set = stream.call(1, "settings.set", new JsonObject()
        .put("scope", "com.actyx.os/general/displayName").put("value", name));
    assertEquals(error(1, "ERR_INTERNAL_ERROR", "The request succeeded, but its result is larger than the 1048576 "
        + "bytes of JSON a frame holds; use the HTTP API to read it"), set);
    JsonObject get = stream.call(2, "settings.get", new JsonObject().put("scope", "com.actyx.os/general/displayName"));
    assertEquals(name, get.getString("result"));
  }

  @Test
  void aStreamThatEndsInsideAFrameGetsAnErrorAndAReset() {
    AdminTestClient client = connect(AdminTestClient.newKey());
    TestStream stream = client.openStream();
    stream.write(new byte[] {0, 0, 0, 100, '{', '"', 'i', 'd', '"'});
    stream.closeWrite();
    assertEquals(error(null, "ERR_INVALID_INPUT", "admin frame: the stream ended inside a frame"), stream.next());
    stream.awaitReset();
    TestStream headerOnly = client.openStream();
    headerOnly.write(new byte[] {0, 0});
    headerOnly.closeWrite();
    assertEquals("ERR_INVALID_INPUT", headerOnly.next().getString("code"));
    assertEquals("OK", client.openStream().call(1, "settings.scopes", null).getString("code"));
  }

  @Test
  void garbageGetsAnErrorAndAResetWhileOtherStreamsGoOn() {
    AdminTestClient client = connect(AdminTestClient.newKey());
    TestStream good = client.openStream();
    for (String garbage : new String[] {"hello", "[1,2]", "\"text\"", "{\"id\":"}) {
      TestStream bad = client.openStream();
      bad.write(TestStream.frame(garbage.getBytes(StandardCharsets.UTF_8)));
      assertEquals(error(null, "ERR_INVALID_INPUT", "admin frame: the frame is not a JSON object"), bad.next(), garbage);
      bad.awaitReset();
    }
    assertEquals("OK", good.call(1, "settings.scopes", null).getString("code"));
  }

  @Test
  void badRequestsInWellFormedFramesKeepTheStream() {
    TestStream stream = connect(AdminTestClient.newKey()).openStream();
    stream.send(new JsonObject().put("method", "settings.scopes"));
    assertEquals(error(null, "ERR_INVALID_INPUT", "A request needs an integer \"id\""), stream.next());
    stream.send(new JsonObject().put("id", 1.5).put("method", "settings.scopes"));
    assertEquals(error(null, "ERR_INVALID_INPUT", "A request needs an integer \"id\""), stream.next());
    stream.send(new JsonObject().put("id", 2));
    assertEquals(error(2, "ERR_INVALID_INPUT", "A request needs a \"method\""), stream.next());
    stream.send(new JsonObject().put("id", 3).put("method", "settings.get").put("params", "."));
    assertEquals(error(3, "ERR_INVALID_INPUT", "\"params\" must be a JSON object"), stream.next());
    stream.send(new JsonObject().put("id", 4).put("method", "settings.get")
        .put("params", new JsonObject().put("scope", ".").put("noDefaults", "yes")));
    JsonObject illTyped = stream.next();
    assertEquals("ERR_INVALID_INPUT", illTyped.getString("code"), illTyped.encode());
    assertTrue(illTyped.getString("message").startsWith("Bad params for settings.get: "), illTyped.encode());
    assertEquals("OK", stream.call(5, "settings.scopes", null).getString("code"));
    stream.closeWrite();
    stream.awaitEnd();
  }

  @Test
  void theSeventeenthStreamIsReset() {
    AdminTestClient client = connect(AdminTestClient.newKey());
    List<TestStream> streams = new ArrayList<>();
    for (int i = 0; i < SecureListener.DEFAULT_MAX_STREAMS; i++) {
      streams.add(client.openStream());
    }
    Future<TestStream> seventeenth = client.tryOpenStream();
    Throwable refused = await(seventeenth.transform(ar -> Future.succeededFuture(ar.cause())));
    assertTrue(refused != null && refused.getMessage().contains("reset"), String.valueOf(refused));
    for (int i = 0; i < streams.size(); i++) {
      assertEquals("OK", streams.get(i).call(i, "settings.scopes", null).getString("code"));
    }
    TestStream done = streams.get(0);
    done.closeWrite();
    done.awaitEnd();
    assertEquals("OK", client.openStream().call(1, "settings.scopes", null).getString("code"));
  }

  @Test
  void aFloodOfRequestsIsBoundedAndEveryRequestIsAnswered() {
    AdminTestClient client = connect(AdminTestClient.newKey());
    TestStream stream = client.openStream();
    int flood = 200;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int id = 0; id < flood; id++) {
      bytes.writeBytes(TestStream.frame(TestStream.request(id, "settings.scopes", null).encode()
          .getBytes(StandardCharsets.UTF_8)));
    }
    stream.write(bytes.toByteArray());
    Set<Integer> answered = new HashSet<>();
    int ok = 0;
    int tooMany = 0;
    for (int i = 0; i < flood; i++) {
      JsonObject response = stream.next();
      assertTrue(answered.add(response.getInteger("id")), response.encode());
      if (response.getString("code").equals("OK")) {
        ok++;
      } else {
        assertEquals("ERR_INVALID_INPUT", response.getString("code"));
        assertTrue(response.getString("message").startsWith("Too many outstanding requests"), response.encode());
        tooMany++;
      }
    }
    assertTrue(ok >= AdminStream.MAX_OUTSTANDING && tooMany > 0, ok + " served, " + tooMany + " refused");
    assertEquals(flood, answered.size());
    assertEquals("OK", stream.call(flood, "settings.scopes", null).getString("code"));
    assertEquals("OK", client.openStream().call(1, "node.inspect", null).getString("code"));
  }

  @Test
  void aSwapOfTheAdminApiLeavesTheSecurePortServing() {
    AdminTestClient old = connect(AdminTestClient.newKey());
    TestStream stream = old.openStream();
    JsonObject swapped = stream.call(1, "verticles.swap", new JsonObject().put("name", "admin-api"));
    assertEquals("OK", swapped.getString("code"), swapped.encode());
    assertNull(await(old.closedFuture()), "the old instance answered, then closed its connection cleanly");
    AdminTestClient fresh = connect(AdminTestClient.newKey());
    assertEquals("OK", fresh.openStream().call(1, "settings.scopes", null).getString("code"));
    JsonArray verticles = fresh.openStream().call(2, "verticles.ls", null).getJsonArray("result");
    assertEquals(3, verticles.size(), "the old instance has gone: " + verticles.encode());
  }

  @Test
  void aSocketThatIsNotLibp2pIsClosedAndTheNodeGoesOn() {
    Promise<Buffer> answer = Promise.promise();
    long started = System.nanoTime();
    NetSocket socket = await(node.rawClient(null).connect(adminPort, "127.0.0.1"));
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    socket.closeHandler(v -> answer.tryComplete(received));
    socket.write(Buffer.buffer(new byte[] {5, 'h', 'e', 'l', 'l', 'o'}));
    await(answer.future());
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(millis < HANDSHAKE_TIMEOUT_MS, "closed for the protocol error, not the timeout: " + millis + " ms");
    assertEquals("OK", connect(AdminTestClient.newKey()).openStream().call(1, "settings.scopes", null).getString("code"));
  }

  @Test
  void aHandshakeThatNeverFinishesTimesOut() {
    Promise<Long> closedAfter = Promise.promise();
    long started = System.nanoTime();
    NetSocket socket = await(node.rawClient(null).connect(adminPort, "127.0.0.1"));
    socket.closeHandler(v -> closedAfter.tryComplete((System.nanoTime() - started) / 1_000_000));
    long millis = await(closedAfter.future());
    assertTrue(millis >= HANDSHAKE_TIMEOUT_MS - 50, "closed after " + millis + " ms");
  }

  private static JsonObject error(Object id, String code, String message) {
    return new JsonObject().put("id", id).put("code", code).put("message", message);
  }
}
