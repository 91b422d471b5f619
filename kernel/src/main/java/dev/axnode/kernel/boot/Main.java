package dev.axnode.kernel.boot;

import dev.axnode.kernel.cluster.ClusterCommand;
import dev.axnode.kernel.cluster.ClusterConfig;
import dev.axnode.kernel.cluster.ClusterFlags;
import dev.axnode.kernel.cluster.ClusterVertx;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code ax-node}: runs a node until it is stopped; {@code ax-node authorize-key} edits its settings offline. */
@Command(name = "ax-node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Runs an ax node: keystore, settings and admin API on a Vert.x microkernel.",
    sortOptions = false, subcommands = {AuthorizeKeyCommand.class, ClusterCommand.class})
public final class Main implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  /**
   * How long SIGTERM waits for the verticles to stop, within the 10 s a supervisor (systemd's
   * default is 90 s, Docker's 10 s) grants: the swarm layers drain for at most 5 s each, and
   * once the transport cut its sockets the layers above end at once, so they do not add up.
   */
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 9;
  /** The configuration built into the node jar, used when no --config is given. */
  public static final String DEFAULT_CONFIG_RESOURCE = "/ax-node-default.json";

  @Option(names = "--config", paramLabel = "FILE", description = "Node configuration (JSON); default: the built-in one.")
  Path configFile;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ./ax-data).")
  Path dataDir;

  @Option(names = "--swarm-port", paramLabel = "N", description = "Swarm port (default 4001; 0 = any free port).")
  Integer swarmPort;

  @Option(names = "--http-port", paramLabel = "N", description = "HTTP admin API port (default 4457; 0 = any free port).")
  Integer httpPort;

  @Option(names = "--http-bind", paramLabel = "HOST", description = "Address the HTTP admin API binds (default 127.0.0.1).")
  String httpBind;

  @Option(names = "--admin-port", paramLabel = "N", description = "Secure admin API port (default 4458; 0 = any free port).")
  Integer adminPort;

  @Option(names = "--events-port", paramLabel = "N", description = "Event API port (default 4454; 0 = any free port).")
  Integer eventsPort;

  @Option(names = "--events-bind", paramLabel = "HOST", description = "Address the event API binds (default 127.0.0.1).")
  String eventsBind;

  @Option(names = "--admin-open",
      description = "Serve the secure admin API (port 4458) to clients on other machines even while "
          + "com.actyx.os/general/authorizedKeys is empty. Default: protected mode, loopback clients only.")
  Boolean adminOpen;

  @Option(names = "--http-allowed-hosts", paramLabel = "HOST[,HOST…]", split = ",",
      description = "Host names the HTTP API accepts in the Host header besides localhost, loopback "
          + "addresses and the bound address (protects against DNS rebinding).")
  List<String> httpAllowedHosts;

  @Option(names = "--no-jar-uploads", description = "Refuse every uploaded verticle jar (ax verticles swap --jar).")
  Boolean noJarUploads;

  @Option(names = "--event-loops", paramLabel = "N",
      description = "Event-loop threads (default 1: all layers of a connection on one thread).")
  Integer eventLoops;

  @Mixin
  ClusterFlags clusterFlags = new ClusterFlags();

  public static void main(String[] args) {
    int exit = new CommandLine(new Main()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() throws Exception {
    NodeConfig config;
    ClusterConfig cluster;
    try {
      config = loadConfig();
      cluster = clusterFlags.config(config.dataDir());
    } catch (IOException | DecodeException | IllegalArgumentException e) {
      LOG.error("cannot read the node configuration: {}", e.getMessage());
      return 2;
    }
    if (config.adminOpen()) {
      LOG.warn("the secure admin API is open (--admin-open or \"adminOpen\"): clients on other machines may "
          + "administer this node while com.actyx.os/general/authorizedKeys is empty");
    }
    Vertx vertx = startVertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()), cluster);
    if (vertx == null) {
      return 1;
    }
    Kernel kernel = new Kernel(vertx, config);
    CompletableFuture<Void> started = kernel.start().mapEmpty().toCompletionStage().toCompletableFuture()
        .thenApply(v -> (Void) null);
    try {
      started.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("node failed to start: {}", cause.getMessage());
      vertx.close().await(10, TimeUnit.SECONDS);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping node");
      kernel.stop().toCompletionStage().toCompletableFuture().orTimeout(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .exceptionally(t -> null).join();
    }, "ax-node-shutdown"));
    return waitForever();
  }

  /** A plain Vert.x, or with --cluster one joined to its node's cluster; null if joining failed (logged). */
  private static Vertx startVertx(VertxOptions options, ClusterConfig cluster) {
    if (cluster == null) {
      return Vertx.vertx(options);
    }
    try {
      return ClusterVertx.start(options, cluster).toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("cannot join the cluster: {}", cause.getMessage());
      return null;
    }
  }

  private static int waitForever() throws InterruptedException {
    Thread.currentThread().join();
    return 0;
  }

  private NodeConfig loadConfig() throws IOException {
    NodeConfig config = new NodeConfig(readConfigJson());
    if (dataDir != null) {
      config.setDataDir(dataDir);
    }
    if (swarmPort != null) {
      config.setSwarmPort(checkPort("--swarm-port", swarmPort));
    }
    if (httpPort != null) {
      config.setHttpPort(checkPort("--http-port", httpPort));
    }
    if (httpBind != null) {
      config.setHttpBind(httpBind);
    }
    if (adminPort != null) {
      config.setAdminPort(checkPort("--admin-port", adminPort));
    }
    if (eventsPort != null) {
      config.setEventsPort(checkPort("--events-port", eventsPort));
    }
    if (eventsBind != null) {
      config.setEventsBind(eventsBind);
    }
    if (eventLoops != null) {
      config.setEventLoops(eventLoops);
    }
    if (Boolean.TRUE.equals(adminOpen)) {
      config.setAdminOpen(true);
    }
    if (httpAllowedHosts != null) {
      config.setHttpAllowedHosts(httpAllowedHosts);
    }
    if (Boolean.TRUE.equals(noJarUploads)) {
      config.setJarUploads(false);
    }
    config.setVerticles(clusterFlags.select(config.verticles()));
    if (config.verticles().isEmpty()) {
      throw new IllegalArgumentException("the configuration names no verticles");
    }
    return config;
  }

  private JsonObject readConfigJson() throws IOException {
    if (configFile != null) {
      return new JsonObject(Files.readString(configFile, StandardCharsets.UTF_8));
    }
    try (InputStream in = Main.class.getResourceAsStream(DEFAULT_CONFIG_RESOURCE)) {
      if (in == null) {
        throw new IOException("no --config given and no built-in " + DEFAULT_CONFIG_RESOURCE + " on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static int checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + " must be between 0 and 65535, not " + port);
    }
    return port;
  }
}
