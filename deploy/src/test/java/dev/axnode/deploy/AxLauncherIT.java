package dev.axnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ax} as a user runs it: the Java 25 AOT cache is trained by the first successful
 * command of its kind without a word on the command's output, used by the next, and never
 * trained by a failed command; the launcher's fork-free JDK search agrees with the node
 * launcher's. Runs a copy of bin/ and the CLI jar in a temporary root, so the caches it
 * writes are its own.
 */
class AxLauncherIT {

  private static final Duration CACHE_WRITTEN = Duration.ofSeconds(120);

  @TempDir
  Path root;

  private Path config;

  @BeforeEach
  void copyLauncher() throws IOException {
    Path repository = TestJars.cliJar().getParent().getParent().getParent();
    Files.createDirectories(root.resolve("bin/lib"));
    Files.createDirectories(root.resolve("cli/target"));
    for (String file : List.of("bin/ax", "bin/lib/launch.sh")) {
      Files.copy(repository.resolve(file), root.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Files.copy(TestJars.cliJar(), root.resolve("cli/target/ax.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    config = root.resolve("config");
  }

  @Test
  void theFirstCommandTrainsTheCacheSilentlyAndTheNextUsesIt() throws Exception {
    assumeTrue(launcherJavaFeature() >= 25, "AOT caches need Java 25");
    try (NodeProcess node = NodeProcess.start(root.resolve("data"))) {
      String http = "127.0.0.1:" + node.httpPort();
      Result first = ax(Map.of(), "settings", "get", "com.actyx.os", "--local", http);
      assertEquals(0, first.exitCode(), first.stderr());
      assertTrue(first.stdout().startsWith("general:\n"), first.stdout());

      Eventually.await("the HTTP AOT cache is written", CACHE_WRITTEN,
          () -> caches("ax-http-").size() == 1 && caches(".record").isEmpty());

      Path classes = root.resolve("classes.log");
      Result second = ax(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + classes),
          "settings", "get", "com.actyx.os", "--local", http);
      assertEquals(0, second.exitCode(), second.stderr());
      assertEquals(first.stdout(), second.stdout());
      String loaded = Files.readString(classes, StandardCharsets.UTF_8);
      assertTrue(loaded.contains("dev.axnode.cli.HttpNodeClient source: shared objects file"),
          "the second run maps the trained cache");
    }
  }

  @Test
  void aFailedCommandTrainsNothing() throws Exception {
    assumeTrue(launcherJavaFeature() >= 25, "AOT caches need Java 25");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Result failed = ax(Map.of(), "settings", "get", "com.actyx.os", "--local", "127.0.0.1:" + closedPort);
    assertEquals(1, failed.exitCode());
    assertEquals("", failed.stdout());
    assertTrue(failed.stderr().startsWith("[ERR_NODE_UNREACHABLE]"), failed.stderr());
    assertTrue(caches(".aot").isEmpty(), "no cache from a failed run");
    assertTrue(caches(".record").isEmpty(), "no training record left behind");
  }

  @Test
  void theClientPicksTheJdkAndTheCacheKindWithoutForking() throws Exception {
    Result result = bash("""
        ax_client_java; echo "$(readlink -f "$AX_JAVA")"; readlink -f "$(ax_find_java)"
        echo "$AX_JAVA_FEATURE $(ax_java_feature "$AX_JAVA")"
        for line in 'settings get . --local localhost' 'x --local=10.0.0.1:4457' \\
            'x --local /ip4/127.0.0.1/tcp/4458' 'x --local=/dns4/a/tcp/1' 'x --local a --local /ip4/b' \\
            'swarms keygen' 'x --json'; do
          # shellcheck disable=SC2086
          ax_client_kind $line; echo "kind=$AX_KIND"
        done
        """);
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertEquals(lines.get(1), lines.get(0), "ax_client_java finds the JDK ax_find_java finds");
    String[] features = lines.get(2).split(" ");
    assertEquals(features[1], features[0]);
    assertEquals(List.of("kind=http", "kind=http", "kind=secure", "kind=secure", "kind=secure", "kind=", "kind="),
        lines.subList(3, lines.size()));
  }

  private int launcherJavaFeature() throws Exception {
    Result result = bash("ax_client_java; echo \"$AX_JAVA_FEATURE\"");
    assertEquals(0, result.exitCode(), result.stderr());
    return Integer.parseInt(result.stdout().strip());
  }

  private List<Path> caches(String nameContains) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("cli/target"))) {
      return files.filter(file -> file.getFileName().toString().contains(nameContains)).toList();
    }
  }

  private Result ax(Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(root.resolve("bin/ax").toString()));
    command.addAll(List.of(args));
    return run(command, environment);
  }

  private Result bash(String script) throws Exception {
    return run(List.of("bash", "-c", "set -euo pipefail; source " + root.resolve("bin/lib/launch.sh") + "\n" + script),
        Map.of());
  }

  private Result run(List<String> command, Map<String, String> environment) throws Exception {
    Path out = Files.createTempFile(root, "out", ".txt");
    Path err = Files.createTempFile(root, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().put("XDG_CONFIG_HOME", config.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 2 minutes: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Result(int exitCode, String stdout, String stderr) {
  }
}
