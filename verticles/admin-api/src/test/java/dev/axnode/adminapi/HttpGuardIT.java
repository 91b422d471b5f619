package dev.axnode.adminapi;

import dev.axnode.kernel.boot.NodeConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP API against browsers, on a real node core: Host and Origin are checked before
 * routing, bodies need real content types, no CORS header is ever sent.
 */
class HttpGuardIT {

  private static final String SETTINGS = "/api/v1/settings?scope=com.actyx.os/general/displayName";

  @TempDir
  Path dataDir;
  private HttpTestNode node;
  private WebClient web;

  @BeforeEach
  void start() {
    node = new HttpTestNode(dataDir, new NodeConfig().setHttpAllowedHosts(List.of("node.example")));
    web = WebClient.create(node.vertx);
  }

  @AfterEach
  void stop() {
    web.close();
    node.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
    HttpRequest<Buffer> request = web.request(method, node.httpPort, "127.0.0.1", uri);
    headers.forEach(request::putHeader);
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  private HttpResponse<Buffer> get(String uri, Map<String, String> headers) {
    return send(HttpMethod.GET, uri, headers, null);
  }

  private static void assertRefused(HttpResponse<Buffer> response, String messagePart) {
    assertEquals(403, response.statusCode(), response.bodyAsString());
    JsonObject envelope = response.bodyAsJsonObject();
    assertEquals("ERR_UNAUTHORIZED", envelope.getString("code"), envelope.encode());
    assertTrue(envelope.getString("message").contains(messagePart), envelope.encode());
    assertNoCors(response);
  }

  private static void assertNoCors(HttpResponse<Buffer> response) {
    response.headers().names().forEach(name ->
        assertFalse(name.toLowerCase().startsWith("access-control-"), "CORS header sent: " + name));
  }

  @Test
  void loopbackNamesIpLiteralsAndListedHostsAreServed() {
    for (String host : List.of("localhost", "localhost:" + node.httpPort, "LOCALHOST.", "app.localhost:1",
        "127.0.0.1", "127.0.0.1:" + node.httpPort, "[::1]:" + node.httpPort, "10.1.2.3", "node.example:80")) {
      HttpResponse<Buffer> response = get(SETTINGS, Map.of("Host", host));
      assertEquals(200, response.statusCode(), host + ": " + response.bodyAsString());
      assertNoCors(response);
    }
  }

  @Test
  void foreignHostsAreRefusedBeforeRouting() {
    for (String host : List.of("evil.test", "evil.test:" + node.httpPort, "localhost.evil.test", "127.0.0.1.nip.io",
        "node.example.evil.test")) {
      assertRefused(get(SETTINGS, Map.of("Host", host)), "--http-allowed-hosts");
    }
    assertRefused(get("/api/v1/no-such-route", Map.of("Host", "evil.test")), "is not allowed");
    HttpResponse<Buffer> malformed = get(SETTINGS, Map.of("Host", "[::1"));
    assertEquals(400, malformed.statusCode(), "Vert.x refuses what is not host[:port] itself");
    assertNoCors(malformed);
    String missing = node.raw("127.0.0.1", "GET " + SETTINGS + " HTTP/1.0\r\n\r\n");
    assertTrue(missing.startsWith("HTTP/1.0 403") && missing.contains("ERR_UNAUTHORIZED"), missing);
    String twice = node.raw("127.0.0.1", "GET " + SETTINGS + " HTTP/1.1\r\nHost: localhost\r\nHost: evil.test\r\nConnection: close\r\n\r\n");
    assertTrue(twice.startsWith("HTTP/1.1 4"), twice);
    assertFalse(twice.contains("\"OK\""), twice);
  }

  @Test
  void http2RequestsAreCheckedByTheirAuthority() throws Exception {
    java.net.http.HttpResponse<String> upgraded = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.httpPort + SETTINGS)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, upgraded.statusCode(), "h2c upgrade to 127.0.0.1: " + upgraded.body());
    io.vertx.core.http.HttpClient h2 = node.vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
        .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    try {
      for (String host : List.of("evil.test", "localhost")) {
        io.vertx.core.http.RequestOptions options = new io.vertx.core.http.RequestOptions().setHost(host)
            .setPort(node.httpPort).setURI(SETTINGS)
            .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(node.httpPort, "127.0.0.1"));
        // Built on an event loop, so response.body() is asked for before the answer can end.
        io.vertx.core.Promise<String> answered = io.vertx.core.Promise.promise();
        node.vertx.runOnContext(v -> h2.request(options).compose(r -> r.send()).compose(response ->
            response.body().map(body -> response.version() + " " + response.statusCode() + " " + body))
            .onComplete(answered));
        String answer = await(answered.future());
        assertTrue(answer.startsWith("HTTP_2 " + (host.equals("localhost") ? 200 : 403)), host + ": " + answer);
      }
    } finally {
      h2.close();
    }
  }

  @Test
  void requestsFromBrowserPagesAreRefusedUnlessTheirHostIsListed() {
    for (String origin : List.of("http://evil.test", "null", "http://127.0.0.1:" + node.httpPort, "http://localhost",
        "file://")) {
      assertRefused(get(SETTINGS, Map.of("Origin", origin)), "Cross-origin requests from browsers are refused");
    }
    assertEquals(200, get(SETTINGS, Map.of("Origin", "http://node.example:8080")).statusCode());
  }

  @Test
  void jsonBodiesNeedApplicationJson() {
    Buffer body = Buffer.buffer("\"Guarded\"");
    String uri = "/api/v1/settings?scope=com.actyx.os/general/displayName";
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonp")) {
      assertRefused(send(HttpMethod.PUT, uri, Map.of("Content-Type", type), body), "needs Content-Type application/json");
    }
    assertRefused(send(HttpMethod.PUT, uri, Map.of(), body), "not none");
    assertRefused(send(HttpMethod.POST, "/api/v1/swarm/perf", Map.of("Content-Type", "text/plain"),
        Buffer.buffer("{}")), "application/json");
    assertEquals("Default Node", get(SETTINGS, Map.of()).bodyAsJsonObject().getString("result"), "nothing was set");
    HttpResponse<Buffer> set = send(HttpMethod.PUT, uri, Map.of("Content-Type", "Application/JSON; charset=utf-8"), body);
    assertEquals(200, set.statusCode(), set.bodyAsString());
  }

  @Test
  void swapsNeedAJarTypeOrJsonForTheBuiltInImplementation() {
    String swap = "/api/v1/verticles/" + HttpTestNode.NOOP + "/swap";
    Buffer jar = HttpTestNode.jarOf(dev.axnode.adminapi.testjar.NoopVerticle.class, "2-test");
    assertRefused(send(HttpMethod.POST, swap, Map.of("Content-Type", "text/plain"), jar),
        "needs Content-Type application/java-archive or application/octet-stream");
    assertRefused(send(HttpMethod.POST, swap, Map.of(), Buffer.buffer()), "A swap without a jar needs");
    assertRefused(send(HttpMethod.POST, swap, Map.of("Content-Type", "text/plain"), Buffer.buffer()), "not text/plain");
    HttpResponse<Buffer> builtIn = send(HttpMethod.POST, swap, Map.of("Content-Type", "application/json"), Buffer.buffer());
    assertEquals(200, builtIn.statusCode(), builtIn.bodyAsString());
  }

  @Test
  void noCorsHeadersEvenForAPreflight() {
    HttpResponse<Buffer> preflight = send(HttpMethod.OPTIONS, "/api/v1/settings", Map.of("Origin", "http://evil.test",
        "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), null);
    assertRefused(preflight, "Cross-origin");
    HttpResponse<Buffer> options = send(HttpMethod.OPTIONS, "/api/v1/settings", Map.of(), null);
    assertTrue(options.statusCode() >= 400, options.statusCode() + " " + options.bodyAsString());
    assertNoCors(options);
    assertNoCors(get(SETTINGS, Map.of()));
  }
}
