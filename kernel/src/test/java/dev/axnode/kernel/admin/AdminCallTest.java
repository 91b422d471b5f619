package dev.axnode.kernel.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An {@link AdminCall} as a 4458 frame and as an HTTP request, both derived from the model. */
class AdminCallTest {

  @Test
  void namesAndRoutesAreUnique() {
    Set<String> names = new HashSet<>();
    Set<String> routes = new HashSet<>();
    for (AdminOperation operation : AdminOperation.values()) {
      assertTrue(names.add(operation.operationName()), operation.operationName());
      assertTrue(routes.add(operation.httpMethod() + " " + operation.path()), operation.path());
      assertEquals(operation, AdminOperation.byName(operation.operationName()).orElseThrow());
    }
    assertTrue(AdminOperation.byName("settings.explode").isEmpty());
  }

  @Test
  void settingsGetIsAQueryOverHttpAndParamsOn4458() {
    AdminCall call = AdminCall.of(AdminOperation.SETTINGS_GET).with("scope", ".").with("noDefaults", true);
    assertEquals(new HttpForm(HttpMethod.GET, "/api/v1/settings", Map.of("scope", ".", "noDefaults", "true"), null,
        null), call.toHttp());
    assertEquals(new JsonObject().put("id", 7).put("method", "settings.get")
        .put("params", new JsonObject().put("scope", ".").put("noDefaults", true)), call.toFrame(7));
  }

  @Test
  void settingsSetSendsTheValueAsTheJsonBody() {
    JsonArray keys = new JsonArray().add("0abc=");
    HttpForm http = AdminCall.of(AdminOperation.SETTINGS_SET).with("scope", "s").with("value", keys).toHttp();
    assertEquals(HttpMethod.PUT, http.method());
    assertEquals(Map.of("scope", "s"), http.query());
    assertEquals("[\"0abc=\"]", http.body().toString());
    assertEquals(HttpForm.JSON, http.contentType());
    HttpForm nullValue = AdminCall.of(AdminOperation.SETTINGS_SET).with("scope", "s").with("value", null).toHttp();
    assertEquals("null", nullValue.body().toString());
  }

  @Test
  void swapPutsTheNameInThePathAndTheJarInTheBody() {
    byte[] jar = {0x50, 0x4b, 3, 4, (byte) 0xfb, (byte) 0xff};
    AdminCall call = AdminCall.of(AdminOperation.VERTICLES_SWAP).with("name", "my name").with("class", "a.B")
        .with("jarBase64", Buffer.buffer(jar));
    HttpForm http = call.toHttp();
    assertEquals("/api/v1/verticles/my%20name/swap", http.path());
    assertEquals(Map.of("class", "a.B"), http.query());
    assertEquals(Buffer.buffer(jar), http.body());
    assertEquals(HttpForm.JAR, http.contentType());
    assertEquals(Base64.getEncoder().encodeToString(jar),
        call.toFrame(1).getJsonObject("params").getString("jarBase64"), "standard base64, as the node reads it");

    HttpForm builtIn = AdminCall.of(AdminOperation.VERTICLES_SWAP).with("name", "settings").toHttp();
    assertEquals(0, builtIn.body().length(), "no jar: an empty body");
    assertEquals(HttpForm.JSON, builtIn.contentType());
  }

  @Test
  void perfFieldsMakeTheJsonObjectBody() {
    AdminCall call = AdminCall.of(AdminOperation.SWARM_PERF).with("multiaddr", "/ip4/1.2.3.4/tcp/1")
        .with("downloadBytes", 5L);
    HttpForm http = call.toHttp();
    assertEquals(new JsonObject().put("multiaddr", "/ip4/1.2.3.4/tcp/1").put("downloadBytes", 5L),
        new JsonObject(http.body()));
    assertEquals(Map.of(), http.query());
    assertNull(AdminCall.of(AdminOperation.NODE_INSPECT).toHttp().body());
    assertEquals(new JsonObject(), AdminCall.of(AdminOperation.NODE_INSPECT).toFrame(1).getJsonObject("params"));
  }
}
