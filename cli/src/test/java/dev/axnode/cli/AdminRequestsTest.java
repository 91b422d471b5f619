package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** NodeRequest (as commands build it) → /ax/admin/1.0.0 request, and response → the HTTP API's envelope. */
class AdminRequestsTest {

  static final SecureNodeAddress NODE = SecureNodeAddress.parse("/ip4/127.0.0.1/tcp/4458");

  private static JsonObject frame(NodeRequest request) {
    return AdminRequests.toCall(request).toJson(7);
  }

  @Test
  void reads() {
    assertEquals(new JsonObject("{\"id\":7,\"method\":\"node.inspect\",\"params\":{}}"),
        frame(NodeRequest.get("/node")));
    assertEquals(new JsonObject("{\"id\":7,\"method\":\"settings.get\",\"params\":{\"scope\":\".\",\"noDefaults\":false}}"),
        frame(NodeRequest.get("/settings").withQuery("scope", ".")));
    assertEquals(new JsonObject("{\"id\":7,\"method\":\"settings.get\",\"params\":{\"scope\":\"com.actyx.os\",\"noDefaults\":true}}"),
        frame(NodeRequest.get("/settings").withQuery("scope", "com.actyx.os").withQuery("noDefaults", "true")));
    assertEquals("settings.schema", frame(NodeRequest.get("/settings/schema").withQuery("scope", "x")).getString("method"));
    assertEquals(new JsonObject().put("scope", "x"),
        frame(NodeRequest.get("/settings/schema").withQuery("scope", "x")).getJsonObject("params"));
    assertEquals("settings.scopes", frame(NodeRequest.get("/settings/scopes")).getString("method"));
    assertEquals("verticles.ls", frame(NodeRequest.get("/verticles")).getString("method"));
    assertEquals("swarm.peers", frame(NodeRequest.get("/swarm/peers")).getString("method"));
  }

  @Test
  void settingsSetCarriesTheValueAsJson() {
    NodeRequest request = NodeRequest.of(HttpMethod.PUT, "/settings").withQuery("scope", "com.actyx.os/general/authorizedKeys")
        .withBody(Buffer.buffer("[\"0abc=\"]"), "application/json");
    assertEquals(new JsonObject().put("id", 7).put("method", "settings.set").put("params", new JsonObject()
        .put("scope", "com.actyx.os/general/authorizedKeys").put("value", new JsonArray().add("0abc="))), frame(request));
    NodeRequest scalar = NodeRequest.of(HttpMethod.PUT, "/settings").withQuery("scope", "s")
        .withBody(Buffer.buffer("true"), "application/json");
    assertEquals(true, frame(scalar).getJsonObject("params").getValue("value"));
  }

  @Test
  void unset() {
    assertEquals(new JsonObject("{\"id\":7,\"method\":\"settings.unset\",\"params\":{\"scope\":\"com.actyx.os\"}}"),
        frame(NodeRequest.of(HttpMethod.DELETE, "/settings").withQuery("scope", "com.actyx.os")));
  }

  @Test
  void swapWithAndWithoutAJar() {
    byte[] jar = {0x50, 0x4b, 3, 4};
    NodeRequest withJar = NodeRequest.of(HttpMethod.POST, "/verticles/my%20name/swap").withQuery("class", "a.B")
        .withBody(Buffer.buffer(jar), "application/java-archive");
    assertEquals(new JsonObject().put("name", "my name").put("class", "a.B")
        .put("jarBase64", Base64.getEncoder().encodeToString(jar)), frame(withJar).getJsonObject("params"));
    assertEquals("verticles.swap", frame(withJar).getString("method"));
    NodeRequest builtIn = NodeRequest.of(HttpMethod.POST, "/verticles/settings/swap").withBody(Buffer.buffer(), null);
    assertEquals(new JsonObject().put("name", "settings"), frame(builtIn).getJsonObject("params"));
  }

  @Test
  void perfTakesTheBodysFields() {
    JsonObject body = new JsonObject().put("multiaddr", "/ip4/1.2.3.4/tcp/4001/p2p/x").put("uploadBytes", 10)
        .put("downloadBytes", 0);
    NodeRequest request = NodeRequest.of(HttpMethod.POST, "/swarm/perf").withBody(body.toBuffer(), "application/json");
    assertEquals(new JsonObject().put("id", 7).put("method", "swarm.perf").put("params", body), frame(request));
  }

  @Test
  void setupsTakesTheBodysFields() {
    JsonObject body = new JsonObject().put("multiaddr", "/ip4/1.2.3.4/tcp/4001/p2p/x").put("seconds", 5);
    NodeRequest request = NodeRequest.of(HttpMethod.POST, "/swarm/setups").withBody(body.toBuffer(), "application/json");
    assertEquals(new JsonObject().put("id", 7).put("method", "swarm.setups").put("params", body), frame(request));
  }

  @Test
  void unknownRequestsAreInternalErrors() {
    CommandException e = assertThrows(CommandException.class, () -> AdminRequests.toCall(NodeRequest.get("/nope")));
    assertEquals("ERR_INTERNAL_ERROR", e.code());
  }

  @Test
  void responsesBecomeTheHttpEnvelope() {
    assertEquals(new JsonObject().put("code", "OK").put("result", new JsonArray().add("com.actyx.os")),
        AdminRequests.toEnvelope(NODE, new JsonObject("{\"id\":7,\"code\":\"OK\",\"result\":[\"com.actyx.os\"]}")));
    assertEquals(new JsonObject().put("code", "OK").putNull("result"),
        AdminRequests.toEnvelope(NODE, new JsonObject("{\"id\":7,\"code\":\"OK\",\"result\":null}")));
    CommandException e = assertThrows(CommandException.class, () -> AdminRequests.toEnvelope(NODE,
        new JsonObject("{\"id\":7,\"code\":\"ERR_UNAUTHORIZED\",\"message\":\"Provided key is not authorized to access the API.\"}")));
    assertEquals("ERR_UNAUTHORIZED", e.code());
    assertEquals("Provided key is not authorized to access the API.", e.getMessage());
    CommandException odd = assertThrows(CommandException.class,
        () -> AdminRequests.toEnvelope(NODE, new JsonObject("{\"id\":7,\"code\":\"MAYBE\"}")));
    assertEquals("ERR_INTERNAL_ERROR", odd.code());
  }
}
