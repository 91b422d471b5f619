package dev.axnode.adminapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The secure admin API's TCP listener ({@code /ax/admin/1.0.0} over multistream, Noise XX and
 * yamux; see {@code ADMIN-PROTOCOL.md}). Bounds the handshakes in progress; a stop takes no
 * new connections and lets the open ones finish the requests they hold.
 */
final class SecureListener implements AdminConnection.Owner {

  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 64;
  public static final int DEFAULT_MAX_STREAMS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(SecureListener.class);

  /** What every connection of one listener shares. */
  record Settings(SecureIdentity identity, AdminService service, AuthorizedKeys keys, long handshakeTimeoutMs,
                  int maxPendingHandshakes, int maxStreams) {
  }

  private final Vertx vertx;
  private final Settings settings;
  private final Set<AdminConnection> connections = new LinkedHashSet<>();
  private final Set<AdminConnection> handshaking = new LinkedHashSet<>();
  private NetServer server;

  SecureListener(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  /** Listens on {@code host:port} (a negative port: Vert.x's shared any-port); completes with the bound port. */
  Future<Integer> listen(String host, int port) {
    return vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
        .connectHandler(this::accept)
        .listen()
        .map(bound -> {
          server = bound;
          return bound.actualPort();
        });
  }

  private void accept(NetSocket socket) {
    if (handshaking.size() >= settings.maxPendingHandshakes()) {
      LOG.warn("secure admin API: {} handshakes in progress, refusing {}", handshaking.size(), socket.remoteAddress());
      socket.close();
      return;
    }
    AdminConnection connection = new AdminConnection(vertx, socket, settings, this);
    connections.add(connection);
    handshaking.add(connection);
    connection.start();
  }

  @Override
  public void secured(AdminConnection connection) {
    handshaking.remove(connection);
    LOG.debug("secure admin API: client {} from {}", connection.clientKey(), connection.remoteAddress());
  }

  @Override
  public void closed(AdminConnection connection, String error) {
    handshaking.remove(connection);
    connections.remove(connection);
    if (error != null) {
      LOG.info("secure admin API: connection from {} ended: {}", connection.remoteAddress(), error);
    }
  }

  /**
   * Stops accepting and drains: each connection takes no new streams and closes once its
   * requests are answered; connections still open after {@code graceSeconds} are closed.
   */
  Future<Void> stop(long graceSeconds) {
    if (server == null) {
      return Future.succeededFuture();
    }
    return server.shutdown(graceSeconds, TimeUnit.SECONDS);
  }
}
