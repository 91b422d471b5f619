package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.lifecycle.BoundPorts;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.net.ConnectionBudget;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The admin API verticle: the same commands ({@link AdminService}) over two listeners.
 * <ul>
 *   <li>HTTP on {@code httpPort} (loopback unless {@code httpBind} says otherwise), JSON in and
 *       out, no authentication; shut while {@code requireAuthentication} is true.</li>
 *   <li>The event API on {@code eventsPort} (default 4454, loopback unless {@code eventsBind} says
 *       otherwise): publish, query, subscribe and offsets with the same guards and gate as HTTP.</li>
 *   <li>The secure API on {@code adminPort} (all interfaces unless {@code adminBind} says
 *       otherwise): libp2p Noise + yamux, {@code /ax/admin/1.0.0}, every connection and every
 *       request checked against {@code authorizedKeys}; while that is empty only loopback
 *       clients are served unless the node config says {@code adminOpen} (protected mode).
 *       Budgets: {@code maxConnections}, {@code maxConnectionsPerIp}, {@code maxPendingHandshakes},
 *       {@code maxPendingPerIp}, {@code handshakeTimeoutMs}, {@code idleTimeoutMs},
 *       {@code maxStreamsPerConnection}.</li>
 * </ul>
 *
 * <p>Swap-friendly: a second instance binding the same ports shares the listening sockets
 * (Vert.x server sharing), so the new instance serves before the old one goes; the old
 * one's {@code stop()} shuts both listeners down gracefully, finishing requests in progress
 * for at most {@code drainTimeoutMs}.
 */
public final class AdminApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApiVerticle.class);
  /** How long stop() lets both listeners finish the requests in progress before it closes what is left. */
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_ADMIN_PORT = 4458;
  public static final String DEFAULT_ADMIN_BIND = "0.0.0.0";
  public static final int DEFAULT_EVENTS_PORT = 4454;
  /** The protocol name the event API's address is announced with ({@code ax nodes inspect}, the log). */
  public static final String EVENTS_PROTOCOL = "http-events";

  private final AuthenticationGate gate = new AuthenticationGate();
  private AuthorizedKeys authorizedKeys;
  private long drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS;
  private MessageConsumer<SettingsChanged> settingsChanges;
  private HttpServer server;
  private HttpServer eventsServer;
  private SecureListener secure;
  private AdminService service;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String name = config.getString("name", "admin-api");
    drainTimeoutMs = config.getLong("drainTimeoutMs", DEFAULT_DRAIN_TIMEOUT_MS);
    authorizedKeys = new AuthorizedKeys(config.getBoolean("adminOpen", false));
    service = new AdminService(vertx, Path.of(config.getString("dataDir", "ax-data")), CodeUploads.fromConfig(config),
        new SubscriptionBudget(config.getInteger("maxEventStreamsPerConnection", SubscriptionBudget.DEFAULT_PER_CONNECTION),
            config.getInteger("maxEventStreamsPerIp", SubscriptionBudget.DEFAULT_PER_IP)));
    settingsChanges = vertx.eventBus().consumer(Addresses.SETTINGS_CHANGED, m -> settings(m.body().settings()));
    return settingsChanges.completion()
        .compose(v -> BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(".", false),
            BusRequests.START_TIMEOUT_MS))
        .onSuccess(tree -> settings((JsonObject) tree.value()))
        .compose(v -> startHttp(config, name, service))
        .compose(v -> startEvents(config, name, service))
        .compose(v -> startSecure(config, name, service));
  }

  private void settings(JsonObject tree) {
    gate.update(tree);
    authorizedKeys.update(tree);
  }

  private Future<Void> startHttp(JsonObject config, String name, AdminService service) {
    String host = config.getString("httpBind", "127.0.0.1");
    int port = BoundPorts.portToBind(BoundPorts.Listener.HTTP_API, config.getInteger("httpPort", 4457));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
            .setCompressionSupported(false).setIdleTimeout(60))
        .requestHandler(new HttpRoutes(vertx, gate, service, HttpGuard.fromConfig(config)).router())
        .listen()
        .compose(bound -> {
          server = bound;
          return BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
              new BoundAddress(name, "http", host, bound.actualPort()));
        });
  }

  /** The event API: the event operations only, with the HTTP API's guards, on {@code eventsPort}. */
  private Future<Void> startEvents(JsonObject config, String name, AdminService service) {
    String host = config.getString("eventsBind", "127.0.0.1");
    int port = BoundPorts.portToBind(BoundPorts.Listener.EVENTS_API, config.getInteger("eventsPort", DEFAULT_EVENTS_PORT));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
            .setCompressionSupported(false).setIdleTimeout(60))
        .requestHandler(new HttpRoutes(vertx, gate, service, HttpGuard.fromConfig(config), AdminOperation::eventApi)
            .router())
        .listen()
        .compose(bound -> {
          eventsServer = bound;
          return BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
              new BoundAddress(name, EVENTS_PROTOCOL, host, bound.actualPort()));
        });
  }

  private Future<Void> startSecure(JsonObject config, String name, AdminService service) {
    String host = config.getString("adminBind", DEFAULT_ADMIN_BIND);
    int port = BoundPorts.portToBind(BoundPorts.Listener.SECURE_API, config.getInteger("adminPort", DEFAULT_ADMIN_PORT));
    return SecureIdentity.create(vertx)
        .compose(identity -> {
          secure = new SecureListener(vertx, new SecureListener.Settings(identity, service, authorizedKeys,
              config.getLong("handshakeTimeoutMs", SecureListener.DEFAULT_HANDSHAKE_TIMEOUT_MS),
              config.getLong("idleTimeoutMs", SecureListener.DEFAULT_IDLE_TIMEOUT_MS),
              config.getInteger("maxStreamsPerConnection", SecureListener.DEFAULT_MAX_STREAMS)), limits(config));
          return secure.listen(host, port);
        })
        .compose(bound -> BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
            new BoundAddress(name, "libp2p", host, bound)));
  }

  private static ConnectionBudget.Limits limits(JsonObject config) {
    return new ConnectionBudget.Limits(
        config.getInteger("maxConnections", SecureListener.DEFAULT_MAX_CONNECTIONS),
        config.getInteger("maxConnectionsPerIp", SecureListener.DEFAULT_MAX_CONNECTIONS_PER_IP),
        config.getInteger("maxPendingHandshakes", SecureListener.DEFAULT_MAX_PENDING_HANDSHAKES),
        config.getInteger("maxPendingPerIp", SecureListener.DEFAULT_MAX_PENDING_PER_IP));
  }

  @Override
  public Future<?> stop() {
    if (service != null) {
      service.close();
    }
    Future<Void> unsubscribed = settingsChanges == null ? Future.succeededFuture() : settingsChanges.unregister();
    Future<Void> closed = server == null ? Future.succeededFuture()
        : server.shutdown(drainTimeoutMs, TimeUnit.MILLISECONDS)
            .onFailure(failure -> LOG.warn("HTTP server shutdown: {}", failure.getMessage()));
    Future<Void> eventsClosed = eventsServer == null ? Future.succeededFuture()
        : eventsServer.shutdown(drainTimeoutMs, TimeUnit.MILLISECONDS)
            .onFailure(failure -> LOG.warn("event API shutdown: {}", failure.getMessage()));
    Future<Void> secureClosed = secure == null ? Future.succeededFuture()
        : secure.stop(drainTimeoutMs)
            .onFailure(failure -> LOG.warn("secure admin API shutdown: {}", failure.getMessage()));
    return Future.all(unsubscribed, closed, eventsClosed, secureClosed);
  }
}
