package dev.axnode.deploy.events;

import dev.axnode.deploy.NodeProcess;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A local app talking to a node over HTTP, as curl would: the event API on its own port
 * (4454 in production) and, for set-up, the settings and node status on the HTTP admin API.
 */
final class EventHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private EventHttp() {
  }

  /** An answer: status and body text. */
  record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonObject result() {
      JsonObject envelope = json();
      if (!"OK".equals(envelope.getString("code"))) {
        throw new AssertionError("not OK: " + status + " " + body);
      }
      return envelope.getJsonObject("result");
    }
  }

  static URI eventsUri(NodeProcess node, String path) {
    return URI.create("http://localhost:" + node.eventsPort() + "/api/v1/events/" + path);
  }

  /** Publishes {@code events} ({semantics, name, payload} each) on the event port: the envelope. */
  static Answer publish(NodeProcess node, JsonArray events) throws IOException, InterruptedException {
    return post(eventsUri(node, "publish"), new JsonObject().put("data", events));
  }

  /** Publishes and asserts it was acknowledged: the receipts ({stream, offset, lamport, timestamp}). */
  static JsonArray published(NodeProcess node, JsonArray events) throws IOException, InterruptedException {
    Answer answer = publish(node, events);
    if (answer.status() != 200) {
      throw new AssertionError("publish failed: " + answer.status() + " " + answer.body());
    }
    return answer.result().getJsonArray("data");
  }

  /** The events a query answers, one JSON object per NDJSON line; an error line fails the call. */
  static List<JsonObject> query(NodeProcess node, JsonObject body) throws IOException, InterruptedException {
    Answer answer = post(eventsUri(node, "query"), body);
    if (answer.status() != 200) {
      throw new AssertionError("query failed: " + answer.status() + " " + answer.body());
    }
    List<JsonObject> events = new ArrayList<>();
    for (String line : answer.body().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject event = new JsonObject(line);
      if (event.containsKey("code")) {
        throw new AssertionError("query ended with an error line: " + line);
      }
      events.add(event);
    }
    return events;
  }

  /** {@code present} of GET offsets: {source: highest offset}. */
  static JsonObject present(NodeProcess node) throws IOException, InterruptedException {
    return offsets(node).getJsonObject("present");
  }

  static JsonObject offsets(NodeProcess node) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(eventsUri(node, "offsets")).GET()).result();
  }

  /** {@code ax settings set SCOPE VALUE} over the HTTP admin API (PUT /api/v1/settings). */
  static void setSetting(NodeProcess node, String scope, Object value) throws IOException, InterruptedException {
    URI uri = URI.create("http://localhost:" + node.httpPort() + "/api/v1/settings?scope="
        + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(Json.encode(value)))).result();
  }

  /** The peer IDs of the node's secured swarm connections (GET /api/v1/node, {@code peers}). */
  static List<String> peers(NodeProcess node) throws IOException, InterruptedException {
    URI uri = URI.create("http://localhost:" + node.httpPort() + "/api/v1/node");
    JsonArray peers = send(HttpRequest.newBuilder(uri).GET()).result().getJsonArray("peers", new JsonArray());
    List<String> ids = new ArrayList<>();
    peers.forEach(p -> ids.add(((JsonObject) p).getString("peerId")));
    return ids;
  }

  static Answer post(URI uri, JsonObject body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  /** Opens {@code POST /api/v1/events/subscribe}: returns once the headers came (the subscription is in place). */
  static Subscription subscribe(NodeProcess node, JsonObject body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(eventsUri(node, "subscribe")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    HttpResponse<java.util.stream.Stream<String>> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new AssertionError("subscribe failed: " + response.statusCode()
          + " " + String.join("\n", response.body().toList()));
    }
    return new Subscription(response.body());
  }
}
