package dev.axnode.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ax events …} against a test HTTP server that answers as a node's event routes do:
 * what each command sends, and how it prints envelopes and NDJSON streams (as JSON lines
 * with {@code --json}, as YAML documents without), a mid-stream error line included.
 */
class EventsCommandTest {

  private static final String SOURCE = "12D3KooWTestSource";

  private Vertx vertx;
  private HttpServer server;
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  private String local;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      HttpServerResponse response = request.response();
      String path = request.path();
      JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      if (body.length() > 0) {
        bodies.add(json);
      }
      switch (path) {
        case "/api/v1/events/publish" -> {
          JsonObject event = json.getJsonArray("data").getJsonObject(0);
          ok(response, new JsonObject().put("data", new JsonArray().add(new JsonObject().put("stream",
              new JsonObject().put("semantics", event.getString("semantics")).put("name", event.getString("name"))
                  .put("source", SOURCE)).put("offset", 4).put("lamport", 9).put("timestamp", 1_700_000_000_000_000L))));
        }
        case "/api/v1/events/query" -> {
          boolean broken = "broken".equals(json.getJsonObject("filter", new JsonObject()).getString("semantics"));
          response.setChunked(true).putHeader("content-type", "application/x-ndjson");
          response.write(event(0).encode() + "\n");
          response.write(event(1).encode() + "\n");
          response.end(broken ? "{\"code\":\"ERR_INTERNAL_ERROR\",\"message\":\"The store failed\"}\n" : "");
        }
        case "/api/v1/events/subscribe" -> {
          response.setChunked(true).putHeader("content-type", "application/x-ndjson").writeHead();
          vertx.setTimer(50, t -> response.end(event(2).encode() + "\n"));
        }
        case "/api/v1/events/offsets" -> ok(response, new JsonObject()
            .put("present", new JsonObject().put(SOURCE, 2)).put("topic", "default-topic"));
        default -> ok(response, json.copy().put("keyEpoch", 2));
      }
    })).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    local = "127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void publishSendsOneEventWithItsPayloadFromStandardInput() {
    CliRun run = CliRun.withStdin("qty: 3\nitem: bolt\n", "events", "publish", "orders", "o-17", "@-", "--local", local);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Published orders/o-17 at offset 4 (lamport 9, source " + SOURCE + ").\n", run.out());
    assertEquals(new JsonObject().put("data", new JsonArray().add(new JsonObject().put("semantics", "orders")
        .put("name", "o-17").put("payload", new JsonObject().put("qty", 3).put("item", "bolt")))), bodies.get(0));
  }

  @Test
  void queryWithJsonPrintsOneLinePerEventAndNothingElse() {
    CliRun run = CliRun.of("events", "query", "--from", "{" + SOURCE + ": 0}", "--semantics", "orders",
        "--order", "reverse", "--json", "--local", local);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(event(0).encode() + "\n" + event(1).encode() + "\n", run.out());
    assertEquals(new JsonObject().put("lowerBound", new JsonObject().put(SOURCE, 0)).put("order", "reverse")
        .put("filter", new JsonObject().put("semantics", "orders")), bodies.get(0));
  }

  @Test
  void queryPrintsEachEventAsAYamlDocument() {
    CliRun run = CliRun.of("events", "query", "--local", local);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("---\nlamport: 1\noffset: 0\npayload:\n  n: 0\nstream:\n  name: o-0\n"), run.out());
    assertEquals(2, run.out().split("(?m)^---$").length - 1, run.out());
  }

  @Test
  void anErrorLineEndsTheStreamWithTheErrorAfterTheEventsPrinted() {
    CliRun json = CliRun.of("events", "query", "--semantics", "broken", "--json", "--local", local);
    assertEquals(1, json.exitCode());
    assertEquals(event(0).encode() + "\n" + event(1).encode() + "\n"
        + "{\"code\":\"ERR_INTERNAL_ERROR\",\"message\":\"The store failed\"}\n", json.out());
    CliRun human = CliRun.of("events", "query", "--semantics", "broken", "--local", local);
    assertEquals(1, human.exitCode());
    assertEquals("[ERR_INTERNAL_ERROR] Error: The store failed\n", human.err());
    assertTrue(human.out().contains("name: o-1"), human.out());
  }

  @Test
  void subscribePrintsEventsAsTheyArriveUntilTheNodeEndsIt() {
    CliRun run = CliRun.of("events", "subscribe", "--order", "source", "--json", "--local", local);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(event(2).encode() + "\n", run.out());
    assertEquals(new JsonObject().put("order", "source"), bodies.get(0));
    CliRun reverse = CliRun.of("events", "subscribe", "--order", "reverse", "--local", local);
    assertEquals(1, reverse.exitCode(), "a subscription has no reverse order");
  }

  @Test
  void offsetsPrintTheTopicAndATable() {
    CliRun run = CliRun.of("events", "offsets", "--local", local);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Topic: default-topic\nSOURCE              OFFSET\n" + SOURCE + "  2\n", run.out());
  }

  @Test
  void keysTakeTheirOperationSemanticsAndNodes() {
    CliRun rotate = CliRun.of("events", "keys", "rotate", "orders", "--revoke", "12D3KooWGone", "--json",
        "--local", local);
    assertEquals(0, rotate.exitCode(), rotate.err());
    assertEquals(new JsonObject().put("semantics", "orders").put("revoke", new JsonArray().add("12D3KooWGone")),
        bodies.get(0));
    CliRun grant = CliRun.of("events", "keys", "grant", "orders", "--local", local);
    assertEquals(1, grant.exitCode());
    assertEquals("[ERR_INVALID_INPUT] Error: ax events keys grant needs the NODE_ID to grant the key to\n",
        grant.err());
    CliRun unknown = CliRun.of("events", "keys", "burn", "orders", "--local", local);
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("create, grant, rotate, ls"), unknown.err());
  }

  private static void ok(HttpServerResponse response, Object result) {
    response.putHeader("content-type", "application/json")
        .end(new JsonObject().put("code", "OK").put("result", result).encode());
  }

  private static JsonObject event(int offset) {
    return new JsonObject().put("stream", new JsonObject().put("semantics", "orders").put("name", "o-" + offset)
        .put("source", SOURCE)).put("offset", offset).put("lamport", offset + 1)
        .put("timestamp", 1_700_000_000_000_000L + offset).put("payload", new JsonObject().put("n", offset));
  }
}
