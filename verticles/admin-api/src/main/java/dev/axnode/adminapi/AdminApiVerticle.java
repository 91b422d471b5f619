package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.lifecycle.BoundPorts;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
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
 * The admin API verticle. HTTP on {@code httpPort} (loopback unless {@code httpBind} says
 * otherwise), JSON in and out, every request answered by asking the other verticles over
 * the event bus.
 *
 * <p>Swap-friendly: a second instance binding the same port shares the listening socket
 * (Vert.x server sharing), so the new instance serves before the old one goes; the old
 * one's {@code stop()} shuts its server down gracefully, finishing requests in progress.
 */
public final class AdminApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApiVerticle.class);
  static final long SHUTDOWN_GRACE_SECONDS = 10;

  private final AuthenticationGate gate = new AuthenticationGate();
  private MessageConsumer<SettingsChanged> settingsChanges;
  private HttpServer server;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String host = config.getString("httpBind", "127.0.0.1");
    String name = config.getString("name", "admin-api");
    int port = BoundPorts.portToBind(config.getInteger("httpPort", 4457));
    Path dataDir = Path.of(config.getString("dataDir", "ax-data"));
    settingsChanges = vertx.eventBus().consumer(Addresses.SETTINGS_CHANGED, m -> gate.update(m.body().settings()));
    HttpRoutes routes = new HttpRoutes(vertx, gate, dataDir);
    return settingsChanges.completion()
        .compose(v -> BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(".", false)))
        .onSuccess(tree -> gate.update((JsonObject) tree.value()))
        .compose(v -> vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setCompressionSupported(false).setIdleTimeout(60))
            .requestHandler(routes.router())
            .listen())
        .compose(bound -> {
          server = bound;
          return BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
              new BoundAddress(name, "http", host, bound.actualPort()));
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unsubscribed = settingsChanges == null ? Future.succeededFuture() : settingsChanges.unregister();
    Future<Void> closed = server == null ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)
            .onFailure(failure -> LOG.warn("HTTP server shutdown: {}", failure.getMessage()));
    return Future.all(unsubscribed, closed);
  }
}
