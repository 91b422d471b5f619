package dev.axnode.adminapi;

import dev.axnode.kernel.lifecycle.RefusalLog;
import dev.axnode.kernel.net.ConnectionBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The secure admin API's TCP listener ({@code /ax/admin/1.0.0} over multistream, Noise XX and
 * yamux; see {@code ADMIN-PROTOCOL.md}). Admits connections through a {@link ConnectionBudget}
 * (in total and per remote IP; an idle socket that never finishes its handshake gives its
 * pending slot to a newcomer), closes the connections of keys that authorizedKeys no longer
 * admits, and on stop takes no new connections and lets the open ones finish the requests
 * they hold.
 */
final class SecureListener implements AdminConnection.Owner {

  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 32;
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 64;
  public static final int DEFAULT_MAX_PENDING_PER_IP = 8;
  public static final int DEFAULT_MAX_STREAMS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(SecureListener.class);

  /** What every connection of one listener shares. */
  record Settings(SecureIdentity identity, AdminService service, AuthorizedKeys keys, long handshakeTimeoutMs,
                  long idleTimeoutMs, int maxStreams) {
  }

  private final Vertx vertx;
  private final Settings settings;
  private final ConnectionBudget<AdminConnection> budget;
  private final Set<AdminConnection> connections = new LinkedHashSet<>();
  private final RefusalLog refusals;
  private final Runnable stopWatchingKeys;
  private NetServer server;

  SecureListener(Vertx vertx, Settings settings, ConnectionBudget.Limits limits) {
    this.vertx = vertx;
    this.settings = settings;
    this.refusals = new RefusalLog(vertx, LOG, "secure admin API connections refused or failed");
    this.budget = new ConnectionBudget<>(limits);
    this.stopWatchingKeys = settings.keys().onChange(this::keysChanged);
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
    AdminConnection connection = new AdminConnection(vertx, socket, settings, this);
    ConnectionBudget.Admission<AdminConnection> admission = budget.admit(connection, connection.remoteIp());
    if (admission instanceof ConnectionBudget.Refused<AdminConnection> refused) {
      refusals.record(connection.remoteAddress(), refused.reason());
      socket.close();
      return;
    }
    for (AdminConnection evicted : ((ConnectionBudget.Admitted<AdminConnection>) admission).evict()) {
      evicted.evict("evicted: its handshake was still pending when a newcomer needed the slot");
    }
    connections.add(connection);
    connection.start();
  }

  @Override
  public void secured(AdminConnection connection) {
    budget.secured(connection);
    LOG.debug("secure admin API: client {} from {}", connection.clientKey(), connection.remoteAddress());
  }

  @Override
  public void refused(AdminConnection connection, String why) {
    refusals.record(connection.remoteAddress(), "key " + connection.clientKey() + " refused: " + why);
  }

  @Override
  public void closed(AdminConnection connection, String error) {
    budget.closed(connection);
    connections.remove(connection);
    if (error != null) {
      refusals.record(connection.remoteAddress(), error);
    }
  }

  /** authorizedKeys changed: connections it no longer admits are closed. */
  private void keysChanged() {
    for (AdminConnection connection : new ArrayList<>(connections)) {
      connection.recheck();
    }
  }

  /**
   * Stops accepting and drains: each connection takes no new streams and closes once its
   * requests are answered; connections still open after {@code graceMs} are closed.
   */
  Future<Void> stop(long graceMs) {
    stopWatchingKeys.run();
    refusals.stop();
    if (server == null) {
      return Future.succeededFuture();
    }
    return server.shutdown(graceMs, TimeUnit.MILLISECONDS);
  }
}
