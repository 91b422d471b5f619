package dev.axnode.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real node process ({@code java -jar deploy/target/ax-node.jar}) on free ports, for
 * end-to-end tests. Waits for the "ready" log line and reads the bound ports from the log. Public
 * for the hostile-peer suite, which also reads the process's RSS.
 */
public final class NodeProcess implements AutoCloseable {

  private static final Pattern HTTP_BOUND = Pattern.compile("listening on http ([^ ]+):(\\d+)");
  private static final Pattern SWARM_BOUND = Pattern.compile("transport listening on tcp ([^ ]+):(\\d+)");
  private static final Pattern EVENTS_BOUND = Pattern.compile("listening on http-events ([^ ]+):(\\d+)");
  private static final Pattern ADMIN_BOUND = Pattern.compile("listening on libp2p ([^ ]+):(\\d+)");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern READY = Pattern.compile("node (12D3KooW\\w+) ready in (\\d+) ms");

  private final Process process;
  private final List<String> log = new ArrayList<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile int httpPort;
  private volatile int swarmPort;
  private volatile int adminPort;
  private volatile int eventsPort;
  private volatile String nodeId;

  private NodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readLog, "node-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a node on {@code dataDir} with every port chosen by the OS, and waits until it is ready. */
  public static NodeProcess start(Path dataDir, String... extraArgs) throws IOException {
    NodeProcess node = launch(dataDir, extraArgs);
    node.awaitReady();
    return node;
  }

  /** Starts a node whose JVM also gets {@code jvmOptions}, and waits until it is ready. */
  public static NodeProcess startWithJvmOptions(Path dataDir, List<String> jvmOptions, String... extraArgs)
      throws IOException {
    NodeProcess node = launch(dataDir, jvmOptions, extraArgs);
    node.awaitReady();
    return node;
  }

  /** Starts a node without waiting for it to be ready. */
  static NodeProcess launch(Path dataDir, String... extraArgs) throws IOException {
    return launch(dataDir, List.of(), extraArgs);
  }

  /**
   * Starts a node whose environment is changed by {@code environment} (a null value removes
   * that variable), without waiting for it to be ready.
   */
  static NodeProcess launchWithEnvironment(Path dataDir, Map<String, String> environment,
      String... extraArgs) throws IOException {
    return launch(dataDir, List.of(), environment, extraArgs);
  }

  private static NodeProcess launch(Path dataDir, List<String> jvmOptions, String... extraArgs) throws IOException {
    return launch(dataDir, jvmOptions, Map.of(), extraArgs);
  }

  private static NodeProcess launch(Path dataDir, List<String> jvmOptions, Map<String, String> environment,
      String... extraArgs) throws IOException {
    // as the launcher does: a node that runs out of memory exits instead of lingering half-dead
    List<String> command = new ArrayList<>(List.of(TestJars.java(), "-XX:+UseSerialGC", "-Xmx256m",
        "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", TestJars.nodeJar().toString(), "--data-dir", dataDir.toString()));
    List<String> extra = List.of(extraArgs);
    for (String port : List.of("--http-port", "--swarm-port", "--admin-port", "--events-port")) {
      if (!extra.contains(port)) {
        command.addAll(List.of(port, "0"));
      }
    }
    command.addAll(extra);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    environment.forEach((name, value) -> {
      if (value == null) {
        builder.environment().remove(name);
      } else {
        builder.environment().put(name, value);
      }
    });
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
        Matcher events = EVENTS_BOUND.matcher(line);
        if (events.find()) {
          eventsPort = Integer.parseInt(events.group(2));
        }
        Matcher admin = ADMIN_BOUND.matcher(line);
        if (admin.find()) {
          adminPort = Integer.parseInt(admin.group(2));
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
  public String local() {
    return "localhost:" + httpPort;
  }

  public int httpPort() {
    return httpPort;
  }

  public int swarmPort() {
    return swarmPort;
  }

  /** The port of the event API (HTTP, 4454 by default). */
  public int eventsPort() {
    return eventsPort;
  }

  /** The secure admin API's port (4458 by default). */
  public int adminPort() {
    return adminPort;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The resident set size now, from {@code /proc/<pid>/status} (VmRSS). */
  public long rssBytes() throws IOException {
    Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid()), "status")));
    if (!rss.find()) {
      throw new IOException("no VmRSS for process " + pid() + ": has it exited?");
    }
    return Long.parseLong(rss.group(1)) * 1024;
  }

  /** Waits at most {@code limit} for the process to exit: also a pause between two polls of a node that should live. */
  public boolean exitedWithin(java.time.Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM, as systemd stops a node; {@link #waitForExit} tells when it went. */
  public void terminate() {
    process.destroy();
  }

  /** The swarm multiaddr with the node ID, as bootstrapNodes takes it. */
  public String swarmAddress() {
    return "/ip4/127.0.0.1/tcp/" + swarmPort + "/p2p/" + nodeId;
  }

  public String nodeId() {
    return nodeId;
  }

  public String logText() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  /** Waits for the process to exit and returns its exit code. */
  public int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("node still running after " + seconds + " s\n" + logText());
    }
    return process.exitValue();
  }

  /** SIGKILL, as a power cut would. */
  public void kill9() throws InterruptedException {
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
