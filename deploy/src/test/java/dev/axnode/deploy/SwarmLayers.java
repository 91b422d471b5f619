package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The swarm layers' live connection counts of a node, as GET /api/v1/node reports them under "layers". */
final class SwarmLayers {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SwarmLayers() {
  }

  /** {@code {"transport": {"connections": n, "pending": n}, "psk": {…}, "handshake": {…}}}. */
  static JsonObject of(NodeProcess node) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/api/v1/node"))
        .timeout(Duration.ofSeconds(10)).GET().build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/v1/node answered " + response.statusCode() + ": " + response.body());
    }
    JsonObject body = new JsonObject(response.body());
    JsonObject node_ = body.containsKey("result") ? body.getJsonObject("result") : body;
    return node_.getJsonObject("layers");
  }

  /** True when every layer answered and holds no connection. */
  static boolean allZero(JsonObject layers) {
    for (String layer : new String[] {"transport", "psk", "handshake"}) {
      JsonObject counts = layers.getJsonObject(layer);
      if (counts == null || counts.getInteger("connections") != 0 || counts.getInteger("pending", 0) != 0) {
        return false;
      }
    }
    return true;
  }
}
