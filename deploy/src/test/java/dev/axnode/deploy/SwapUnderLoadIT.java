package dev.axnode.deploy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While HTTP clients loop settings reads and writes, swap the settings verticle and the
 * admin-api verticle, built in and from jars built here: no request fails, no write is lost.
 */
class SwapUnderLoadIT {

  @TempDir
  Path dir;
  private Vertx vertx;
  private NodeProcess node;
  private AxCli ax;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    node = NodeProcess.start(dir.resolve("data"));
    ax = new AxCli(dir.resolve("config"));
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void swapsLoseNoRequestAndNoWrite() throws Exception {
    Path settingsJar = jarOf("settings", "dev.axnode.settings.SettingsVerticle", "2.0.0-swap-test");
    Path adminJar = jarOf("admin-api", "dev.axnode.adminapi.AdminApiVerticle", "2.0.0-swap-test");
    SettingsLoad load = new SettingsLoad(vertx, node.httpPort());
    load.startReaders(3);
    load.startWriter("com.actyx.os/general/displayName", "name");
    load.startWriter("com.actyx.os/services/eventService/topic", "topic");

    swap("settings");
    swap("settings", "--jar", settingsJar.toString());
    swap("admin-api");
    swap("admin-api", "--jar", adminJar.toString());
    await(vertx.timer(500));
    await(load.stop());

    assertTrue(load.failures.isEmpty(), () -> load.failures.size() + " failed, e.g. " + load.failures.peek());
    assertTrue(load.requests.get() > 200, "too little load: " + load.requests.get());
    for (var write : load.lastAcknowledged.entrySet()) {
      AxCli.Result get = ax.run("settings", "get", write.getKey(), "--local", node.local());
      assertEquals(write.getValue(), get.stdout().strip(), write.getKey() + " lost its last write");
    }
    String verticles = ax.run("verticles", "ls", "--local", node.local(), "--json").stdout();
    assertEquals(2, countOccurrences(verticles, "2.0.0-swap-test"), verticles);
    System.out.printf("swap under load: %d requests, %d resent after a closed keep-alive connection, 0 failed%n",
        load.requests.get(), load.resent.get());
  }

  private void swap(String name, String... extra) throws Exception {
    String[] args = Stream.concat(Stream.of("verticles", "swap", name, "--local", node.local()), Stream.of(extra))
        .toArray(String[]::new);
    AxCli.Result result = ax.run(args);
    assertEquals(0, result.exitCode(), result::toString);
    await(vertx.timer(300));
  }

  /** A jar of a verticle module's compiled classes, its manifest naming the verticle class and a version. */
  private Path jarOf(String module, String verticleClass, String version) throws Exception {
    Path classes = Path.of(System.getProperty("ax.verticles.dir"), module, "target", "classes");
    Path jar = dir.resolve(module + "-swap.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Ax-Verticle", verticleClass);
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
         Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static int countOccurrences(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static JsonObject json(String text) {
    return new JsonObject(text);
  }
}
