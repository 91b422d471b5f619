package dev.axnode.kernel.boot;

import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The node's configuration: data directory, ports, and the verticles to deploy in order.
 *
 * <p>Read from JSON ({@code --config FILE}, else the embedded {@code ax-node-default.json});
 * command-line flags override it. Port 0 means any free port.
 *
 * <p>One event loop by default: every layer of every connection then runs on the same
 * thread, so a chunk moves from transport to psk to handshake without waking another
 * thread (measured: a third less CPU per byte than spreading the verticles over four
 * loops). Raise {@code eventLoops} on a machine with many cores and many busy peers.
 */
public final class NodeConfig {

  public static final String DEFAULT_DATA_DIR = "ax-data";
  public static final int DEFAULT_SWARM_PORT = 4001;
  public static final int DEFAULT_HTTP_PORT = 4457;
  public static final String DEFAULT_HTTP_BIND = "127.0.0.1";
  public static final int DEFAULT_ADMIN_PORT = 4458;
  /** The event API (publish, query, subscribe, offsets over HTTP). */
  public static final int DEFAULT_EVENTS_PORT = 4454;
  public static final String DEFAULT_EVENTS_BIND = "127.0.0.1";
  public static final int DEFAULT_EVENT_LOOPS = 1;
  /** The secure admin API serves only loopback clients while {@code authorizedKeys} is empty (protected mode). */
  public static final boolean DEFAULT_ADMIN_OPEN = false;
  /** Uploaded verticle jars are accepted (from loopback HTTP or an authorized key). */
  public static final boolean DEFAULT_JAR_UPLOADS = true;

  private Path dataDir = Path.of(DEFAULT_DATA_DIR);
  private int swarmPort = DEFAULT_SWARM_PORT;
  private int httpPort = DEFAULT_HTTP_PORT;
  private String httpBind = DEFAULT_HTTP_BIND;
  private int adminPort = DEFAULT_ADMIN_PORT;
  private int eventsPort = DEFAULT_EVENTS_PORT;
  private String eventsBind = DEFAULT_EVENTS_BIND;
  private int eventLoops = DEFAULT_EVENT_LOOPS;
  private boolean adminOpen = DEFAULT_ADMIN_OPEN;
  private boolean jarUploads = DEFAULT_JAR_UPLOADS;
  private List<String> httpAllowedHosts = List.of();
  private List<VerticleSpec> verticles = new ArrayList<>();

  public NodeConfig() {
  }

  public NodeConfig(NodeConfig other) {
    this.dataDir = other.dataDir;
    this.swarmPort = other.swarmPort;
    this.httpPort = other.httpPort;
    this.httpBind = other.httpBind;
    this.adminPort = other.adminPort;
    this.eventsPort = other.eventsPort;
    this.eventsBind = other.eventsBind;
    this.eventLoops = other.eventLoops;
    this.adminOpen = other.adminOpen;
    this.jarUploads = other.jarUploads;
    this.httpAllowedHosts = other.httpAllowedHosts;
    this.verticles = new ArrayList<>(other.verticles);
  }

  public NodeConfig(JsonObject json) {
    this.dataDir = Path.of(json.getString("dataDir", DEFAULT_DATA_DIR));
    this.swarmPort = port(json, "swarmPort", DEFAULT_SWARM_PORT);
    this.httpPort = port(json, "httpPort", DEFAULT_HTTP_PORT);
    this.httpBind = json.getString("httpBind", DEFAULT_HTTP_BIND);
    this.adminPort = port(json, "adminPort", DEFAULT_ADMIN_PORT);
    this.eventsPort = port(json, "eventsPort", DEFAULT_EVENTS_PORT);
    this.eventsBind = json.getString("eventsBind", DEFAULT_EVENTS_BIND);
    this.eventLoops = eventLoops(json.getInteger("eventLoops", DEFAULT_EVENT_LOOPS));
    this.adminOpen = json.getBoolean("adminOpen", DEFAULT_ADMIN_OPEN);
    this.jarUploads = json.getBoolean("jarUploads", DEFAULT_JAR_UPLOADS);
    this.httpAllowedHosts = hosts(json.getJsonArray("httpAllowedHosts", new JsonArray()));
    JsonArray specs = json.getJsonArray("verticles", new JsonArray());
    for (int i = 0; i < specs.size(); i++) {
      verticles.add(VerticleSpec.fromJson(specs.getJsonObject(i)));
    }
  }

  private static int port(JsonObject json, String key, int fallback) {
    int port = json.getInteger(key, fallback);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(key + " must be between 0 and 65535, not " + port);
    }
    return port;
  }

  private static List<String> hosts(JsonArray array) {
    List<String> hosts = new ArrayList<>();
    for (Object host : array) {
      if (!(host instanceof String name) || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("httpAllowedHosts must list host names, not " + host);
      }
      hosts.add(name.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(hosts);
  }

  private static int eventLoops(int count) {
    if (count < 1 || count > 1024) {
      throw new IllegalArgumentException("eventLoops must be between 1 and 1024, not " + count);
    }
    return count;
  }

  public int eventLoops() {
    return eventLoops;
  }

  public NodeConfig setEventLoops(int eventLoops) {
    this.eventLoops = eventLoops(eventLoops);
    return this;
  }

  /** What every verticle receives in its config, under its own {@code config} entries. */
  public JsonObject nodeWideConfig() {
    return new JsonObject().put("dataDir", dataDir.toAbsolutePath().toString()).put("swarmPort", swarmPort)
        .put("httpPort", httpPort).put("httpBind", httpBind).put("adminPort", adminPort)
        .put("eventsPort", eventsPort).put("eventsBind", eventsBind)
        .put("adminOpen", adminOpen).put("jarUploads", jarUploads)
        .put("httpAllowedHosts", new JsonArray(httpAllowedHosts));
  }

  /** Whether the secure admin API serves non-loopback clients while {@code authorizedKeys} is empty. */
  public boolean adminOpen() {
    return adminOpen;
  }

  public NodeConfig setAdminOpen(boolean adminOpen) {
    this.adminOpen = adminOpen;
    return this;
  }

  /** Whether uploaded verticle jars are accepted at all. */
  public boolean jarUploads() {
    return jarUploads;
  }

  public NodeConfig setJarUploads(boolean jarUploads) {
    this.jarUploads = jarUploads;
    return this;
  }

  /** Host names (lower case) the HTTP APIs accept in {@code Host} besides loopback names and the bound address. */
  public List<String> httpAllowedHosts() {
    return httpAllowedHosts;
  }

  public NodeConfig setHttpAllowedHosts(List<String> hosts) {
    this.httpAllowedHosts = hosts(new JsonArray(hosts));
    return this;
  }

  public Path dataDir() {
    return dataDir;
  }

  public NodeConfig setDataDir(Path dataDir) {
    this.dataDir = dataDir;
    return this;
  }

  public int swarmPort() {
    return swarmPort;
  }

  public NodeConfig setSwarmPort(int swarmPort) {
    this.swarmPort = swarmPort;
    return this;
  }

  public int httpPort() {
    return httpPort;
  }

  public NodeConfig setHttpPort(int httpPort) {
    this.httpPort = httpPort;
    return this;
  }

  public String httpBind() {
    return httpBind;
  }

  public NodeConfig setHttpBind(String httpBind) {
    this.httpBind = httpBind;
    return this;
  }

  public int adminPort() {
    return adminPort;
  }

  public NodeConfig setAdminPort(int adminPort) {
    this.adminPort = adminPort;
    return this;
  }

  public int eventsPort() {
    return eventsPort;
  }

  public NodeConfig setEventsPort(int eventsPort) {
    this.eventsPort = eventsPort;
    return this;
  }

  public String eventsBind() {
    return eventsBind;
  }

  public NodeConfig setEventsBind(String eventsBind) {
    this.eventsBind = eventsBind;
    return this;
  }

  public List<VerticleSpec> verticles() {
    return List.copyOf(verticles);
  }

  public NodeConfig setVerticles(List<VerticleSpec> verticles) {
    this.verticles = new ArrayList<>(verticles);
    return this;
  }
}
