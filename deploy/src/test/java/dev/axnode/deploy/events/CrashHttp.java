package dev.axnode.deploy.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a local app does with a node's event API (port 4454) and what a test needs of the HTTP
 * admin API (4457): publish, query everything, offsets, settings. One client per node start, so
 * no pooled connection of a killed process is reused.
 */
final class CrashHttp {

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int eventsPort;
  private final int httpPort;

  CrashHttp(int eventsPort, int httpPort) {
    this.eventsPort = eventsPort;
    this.httpPort = httpPort;
  }

  /** POST /api/v1/events/publish; the result's {@code data} once durable, or an AssertionError with the refusal. */
  JsonArray publish(JsonArray data) throws IOException, InterruptedException {
    JsonObject body = envelope(post(eventsPort, "/api/v1/events/publish", new JsonObject().put("data", data)));
    return body.getJsonObject("result").getJsonArray("data");
  }

  /** POST /api/v1/events/query with {@code query}: every NDJSON line, parsed. */
  List<JsonObject> query(JsonObject query) throws IOException, InterruptedException {
    HttpResponse<String> response = post(eventsPort, "/api/v1/events/query", query);
    if (response.statusCode() != 200) {
      throw new AssertionError("query refused: " + response.statusCode() + " " + response.body());
    }
    List<JsonObject> events = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject event = new JsonObject(line);
      if (event.containsKey("code")) {
        throw new AssertionError("query ended with an error: " + line);
      }
      events.add(event);
    }
    return events;
  }

  /** GET /api/v1/events/offsets: {@code {"present":{…},"topic"}}. */
  JsonObject offsets() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(eventsPort, "/api/v1/events/offsets"))
        .timeout(Duration.ofSeconds(30)).GET().build();
    return envelope(client.send(request, HttpResponse.BodyHandlers.ofString())).getJsonObject("result");
  }

  /** The highest offset held of {@code source}, -1 for none. */
  long highest(String source) throws IOException, InterruptedException {
    return offsets().getJsonObject("present").getLong(source, -1L);
  }

  /** PUT /api/v1/settings?scope=… on 4457. */
  void putSetting(String scope, String jsonValue) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(httpPort, "/api/v1/settings?scope=" + scope))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .PUT(HttpRequest.BodyPublishers.ofString(jsonValue)).build();
    envelope(client.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** POST on the HTTP admin API (4457), e.g. the stream-key operations; the result. */
  JsonObject admin(String path, JsonObject body) throws IOException, InterruptedException {
    return envelope(post(httpPort, path, body)).getJsonObject("result");
  }

  private HttpResponse<String> post(int port, String path, JsonObject body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(port, path)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject envelope(HttpResponse<String> response) {
    JsonObject body = new JsonObject(response.body());
    if (!"OK".equals(body.getString("code"))) {
      throw new AssertionError("refused: " + response.statusCode() + " " + response.body());
    }
    return body;
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Polls {@code condition} every 250 ms until it holds or {@code limit} passes. */
  static void await(String what, Duration limit, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
      }
      CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS)).join();
    }
  }
}
