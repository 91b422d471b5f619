package dev.axnode.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real node process ({@code java -jar deploy/target/ax-node.jar}) on free ports, for
 * end-to-end tests. Waits for the "ready" log line and reads the bound HTTP port from the log.
 */
final class NodeProcess implements AutoCloseable {

  private static final Pattern HTTP_BOUND = Pattern.compile("listening on http ([^ ]+):(\\d+)");
  private static final Pattern SWARM_BOUND = Pattern.compile("transport listening on tcp ([^ ]+):(\\d+)");
  private static final Pattern READY = Pattern.compile("node (12D3KooW\\w+) ready in (\\d+) ms");

  private final Process process;
  private final List<String> log = new ArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile int httpPort;
  private volatile int swarmPort;
  private volatile String nodeId;

  private NodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLog, "node-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a node on {@code dataDir} with every port chosen by the OS, and waits until it is ready. */
  static NodeProcess start(Path dataDir, String... extraArgs) throws IOException {
    NodeProcess node = launch(dataDir, extraArgs);
    node.awaitReady();
    return node;
  }

  /** Starts a node whose JVM also gets {@code jvmOptions}, and waits until it is ready. */
  static NodeProcess startWithJvmOptions(Path dataDir, List<String> jvmOptions, String... extraArgs)
      throws IOException {
    NodeProcess node = launch(dataDir, jvmOptions, extraArgs);
    node.awaitReady();
    return node;
  }

  /** Starts a node without waiting for it to be ready. */
  static NodeProcess launch(Path dataDir, String... extraArgs) throws IOException {
    return launch(dataDir, List.of(), extraArgs);
  }

  private static NodeProcess launch(Path dataDir, List<String> jvmOptions, String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(TestJars.java(), "-XX:+UseSerialGC", "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", TestJars.nodeJar().toString(), "--data-dir", dataDir.toString()));
    List<String> extra = List.of(extraArgs);
    for (String port : List.of("--http-port", "--swarm-port", "--admin-port")) {
      if (!extra.contains(port)) {
        command.addAll(List.of(port, "0"));
      }
    }
    command.addAll(extra);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    return new NodeProcess(builder.start());
  }

  void awaitReady() {
    try {
      ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("node did not become ready: " + e.getMessage() + "\n" + logText(), e);
    }
  }

  private void readLog() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (log) {
          log.add(line);
        }
        Matcher http = HTTP_BOUND.matcher(line);
        if (http.find()) {
          httpPort = Integer.parseInt(http.group(2));
        }
        Matcher swarm = SWARM_BOUND.matcher(line);
        if (swarm.find()) {
          swarmPort = Integer.parseInt(swarm.group(2));
        }
        Matcher done = READY.matcher(line);
        if (done.find()) {
          nodeId = done.group(1);
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      // the process went away; exitCode() tells how
    }
    ready.completeExceptionally(new IllegalStateException("node exited before it was ready"));
  }

  /** {@code localhost:PORT} of the HTTP admin API. */
  String local() {
    return "localhost:" + httpPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** The swarm multiaddr with the node ID, as bootstrapNodes takes it. */
  String swarmAddress() {
    return "/ip4/127.0.0.1/tcp/" + swarmPort + "/p2p/" + nodeId;
  }

  String nodeId() {
    return nodeId;
  }

  String logText() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  /** Waits for the process to exit and returns its exit code. */
  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("node still running after " + seconds + " s\n" + logText());
    }
    return process.exitValue();
  }

  /** SIGTERM, as a supervisor stopping the node would; does not wait. */
  void terminate() {
    process.destroy();
  }

  /** The swarm port the node bound. */
  int swarmPort() {
    return swarmPort;
  }

  /** SIGKILL, as a power cut would. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill9();
    }
  }
}
