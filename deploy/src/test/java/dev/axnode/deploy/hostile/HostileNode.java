package dev.axnode.deploy.hostile;

import dev.axnode.deploy.NodeProcess;
import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real node process under attack, and what a legitimate user sees of it over HTTP: settings,
 * {@code GET /api/v1/node} (with the per-layer connection counts), a verticle swap. Every
 * request is timed.
 */
final class HostileNode implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final NodeProcess process;
  final SwarmKey swarmKey = SwarmKey.generate(new SecureRandom());
  final RssWatch rss;

  private HostileNode(NodeProcess process) {
    this.process = process;
    this.rss = new RssWatch(process);
  }

  /**
   * Starts a node whose verticles get {@code verticleConfigs} (name → config, merged into the
   * built-in configuration through a {@code --config} file), and gives it a swarm key of ours.
   */
  static HostileNode start(Path dir, Map<String, JsonObject> verticleConfigs, String... args) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(args));
    if (!verticleConfigs.isEmpty()) {
      arguments.addAll(List.of("--config", writeConfig(dir, verticleConfigs).toString()));
    }
    HostileNode node = new HostileNode(NodeProcess.start(dir.resolve("data"), arguments.toArray(String[]::new)));
    node.putSetting("com.actyx.os/general/swarmKey", "\"" + node.swarmKey.toSettingValue() + "\"");
    return node;
  }

  private static Path writeConfig(Path dir, Map<String, JsonObject> verticleConfigs) throws IOException {
    JsonObject json;
    try (InputStream in = HostileNode.class.getResourceAsStream("/ax-node-default.json")) {
      json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    json.getJsonArray("verticles").forEach(v -> {
      JsonObject verticle = (JsonObject) v;
      JsonObject extra = verticleConfigs.get(verticle.getString("name"));
      if (extra != null) {
        verticle.put("config", verticle.getJsonObject("config", new JsonObject()).mergeIn(extra));
      }
    });
    Files.createDirectories(dir);
    Path config = dir.resolve("node-config.json");
    Files.writeString(config, json.encodePrettily());
    return config;
  }

  /** Fails with the end of the node's log if the process has gone (ExitOnOutOfMemoryError, a crash). */
  void assertAlive(String during) {
    if (!process.isAlive()) {
      String log = process.logText();
      throw new AssertionError("the node exited during " + during + "; its log ends:\n"
          + log.substring(Math.max(0, log.length() - 2000)));
    }
  }

  int swarmPort() {
    return process.swarmPort();
  }

  int adminPort() {
    return process.adminPort();
  }

  /** PUT /api/v1/settings?scope=…; fails the test unless the node says OK. */
  void putSetting(String scope, String jsonValue) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/settings?scope=" + scope))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(jsonValue)).build());
    JsonObject body = new JsonObject(response.body());
    if (!"OK".equals(body.getString("code"))) {
      throw new AssertionError("setting " + scope + " failed: " + response.body());
    }
  }

  /** GET /api/v1/node's result: what {@code ax nodes inspect} shows. */
  JsonObject inspect() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/node")).GET().build());
    JsonObject body = new JsonObject(response.body());
    if (!"OK".equals(body.getString("code"))) {
      throw new AssertionError("GET /api/v1/node failed: " + response.body());
    }
    return body.getJsonObject("result");
  }

  /** POST /api/v1/verticles/NAME/swap with the built-in class: a make-before-break redeploy. */
  JsonObject swap(String name) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/verticles/" + name + "/swap"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    return new JsonObject(response.body());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + process.httpPort() + pathAndQuery);
  }

  @Override
  public void close() throws Exception {
    rss.close();
    process.close();
  }
}
