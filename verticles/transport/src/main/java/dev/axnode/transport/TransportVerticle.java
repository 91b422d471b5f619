package dev.axnode.transport;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.lifecycle.BoundPorts;
import dev.axnode.kernel.lifecycle.RefusalLog;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.ConnectionInfo;
import dev.axnode.kernel.message.ConnectionList;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.kernel.message.Dial;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.net.ConnectionBudget;
import dev.axnode.kernel.net.Multiaddr;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The swarm transport: listens on the swarm port, dials out, and keeps the registry of
 * live connections. Each socket's bytes go to the layer above (psk) over the event bus;
 * the layers announce when a connection is secured.
 *
 * <p>Admission: inbound connections pass a {@link ConnectionBudget} (connections and pending
 * handshakes, in total and per remote IP; a newcomer evicts the oldest pending connection
 * rather than being locked out by idle sockets). Our own dials count in the totals but are
 * never refused or evicted by our own budget.
 *
 * <p>A swap drains: the old instance stops accepting and dialing and keeps its connections
 * until they close, for at most {@code drainTimeoutMs}; then it closes what is left.
 */
public final class TransportVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TransportVerticle.class);
  static final String ABOVE = "psk";
  public static final int DEFAULT_MAX_CONNECTIONS = 512;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 32;
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 128;
  public static final int DEFAULT_MAX_PENDING_PER_IP = 16;
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

  private final String idPrefix = HexFormat.of().formatHex(randomBytes(4));

  /** Non-blocking random bytes: {@code generateSeed} may wait for the kernel's entropy pool. */
  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final Map<String, Promise<ConnectionInfo>> pendingDials = new LinkedHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private ConnectionBudget<Connection> budget;
  private RefusalLog refusals;
  private long nextId;
  private long drainTimeoutMs;
  private Bootstrap bootstrap;
  private NetServer server;
  private NetClient client;
  private Promise<Void> drained;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String host = config.getString("swarmBind", "0.0.0.0");
    int port = BoundPorts.portToBind(BoundPorts.Listener.SWARM, config.getInteger("swarmPort", 4001));
    budget = new ConnectionBudget<>(limits(config));
    refusals = new RefusalLog(vertx, LOG, "swarm connections refused");
    drainTimeoutMs = config.getLong("drainTimeoutMs", DEFAULT_DRAIN_TIMEOUT_MS);
    client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(config.getInteger("connectTimeoutMs", 10_000))
        .setTcpNoDelay(true));
    consumers.add(vertx.eventBus().<Dial>consumer(Addresses.TRANSPORT_DIAL, this::dial));
    consumers.add(vertx.eventBus().consumer(Addresses.TRANSPORT_CONNECTIONS,
        m -> m.reply(new ConnectionList(connections.values().stream().map(Connection::info).toList()))));
    consumers.add(vertx.eventBus().consumer(Addresses.TRANSPORT_STATS, m -> m.reply(new JsonValue(stats()))));
    consumers.add(vertx.eventBus().<ConnectionEvent>consumer(Addresses.CONNECTION_EVENTS, m -> event(m.body())));
    bootstrap = new Bootstrap(vertx, target -> dialTo(target).map(ConnectionInfo::connectionId));
    consumers.add(vertx.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED,
        m -> bootstrap.update(m.body().settings())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
            .connectHandler(this::accept)
            .listen())
        .compose(bound -> {
          server = bound;
          return BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
              new BoundAddress(config.getString("name", "transport"), "tcp", host, bound.actualPort()));
        })
        .compose(v -> BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(".", false),
            BusRequests.START_TIMEOUT_MS))
        .onSuccess(tree -> bootstrap.update((JsonObject) tree.value()));
  }

  private static ConnectionBudget.Limits limits(JsonObject config) {
    return new ConnectionBudget.Limits(
        config.getInteger("maxConnections", DEFAULT_MAX_CONNECTIONS),
        config.getInteger("maxConnectionsPerIp", DEFAULT_MAX_CONNECTIONS_PER_IP),
        config.getInteger("maxPendingHandshakes", DEFAULT_MAX_PENDING_HANDSHAKES),
        config.getInteger("maxPendingPerIp", DEFAULT_MAX_PENDING_PER_IP));
  }

  private JsonObject stats() {
    long pending = connections.values().stream().filter(c -> !c.secured()).count();
    return new JsonObject().put("connections", connections.size()).put("pending", pending);
  }

  private void accept(NetSocket socket) {
    String ip = socket.remoteAddress().hostAddress();
    Connection connection = newConnection(socket, false, ip);
    if (!admit(connection, ip)) {
      connection.closeNow();
      return;
    }
    open(connection, null).onFailure(e -> LOG.debug("inbound connection from {} failed: {}",
        connection.remoteAddress(), e.getMessage()));
  }

  /** Runs the budget for an inbound connection: closes the pending ones it evicts, or refuses it. */
  private boolean admit(Connection connection, String ip) {
    ConnectionBudget.Admission<Connection> admission = budget.admit(connection, ip);
    if (admission instanceof ConnectionBudget.Refused<Connection> refused) {
      refusals.record(connection.remoteAddress(), refused.reason());
      return false;
    }
    ((ConnectionBudget.Admitted<Connection>) admission).evict().forEach(this::evict);
    return true;
  }

  private void evict(Connection pending) {
    LOG.debug("evicting pending connection {} from {} to make room", pending.id(), pending.remoteAddress());
    pending.close();
  }

  private void dial(Message<Dial> message) {
    Multiaddr target;
    try {
      target = Multiaddr.parse(message.body().multiaddr());
    } catch (IllegalArgumentException e) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "Cannot dial: " + e.getMessage()));
      return;
    }
    dialTo(target).onSuccess(message::reply).onFailure(e -> BusRequests.fail(message, e));
  }

  /** Connects to {@code target}; completes once the connection is secured. */
  private Future<ConnectionInfo> dialTo(Multiaddr target) {
    String expected = target.peer() == null ? null : target.peer().toString();
    return client.connect(target.port(), target.host())
        .recover(e -> Future.failedFuture(new AxException(ErrorCode.NODE_UNREACHABLE,
            "Cannot connect to " + target + ": " + e.getMessage())))
        .compose(socket -> {
          Connection connection = newConnection(socket, true, socket.remoteAddress().hostAddress());
          Promise<ConnectionInfo> secured = Promise.promise();
          pendingDials.put(connection.id(), secured);
          open(connection, expected).onFailure(secured::tryFail);
          return secured.future();
        });
  }

  private Connection newConnection(NetSocket socket, boolean outbound, String ip) {
    String id = idPrefix + "-" + (++nextId);
    String remote = Multiaddr.ofSocket(ip, socket.remoteAddress().port()).toString();
    Connection connection = new Connection(vertx, id, socket, outbound, ip, remote, ABOVE, this::closed);
    connections.put(id, connection);
    if (outbound && budget.admit(connection, "dial:" + id) instanceof ConnectionBudget.Admitted<Connection> admitted) {
      // A key of its own: our dials count in the totals but never meet a per-IP limit. A full budget does
      // not stop them; what they evict to make room is closed unless it is one of our own dials.
      admitted.evict().stream().filter(c -> !c.outbound()).forEach(this::evict);
    }
    return connection;
  }

  /** Asks the layer above to join, then starts the connection; any failure closes it (and so cleans it up). */
  private Future<Connection> open(Connection connection, String expectedPeer) {
    return connection.ready()
        .compose(v -> BusRequests.request(vertx, Addresses.PSK_OPEN,
            new ConnectionOpen(connection.id(), connection.outbound(), connection.remoteAddress(), expectedPeer,
                "transport")))
        .map(v -> {
          connection.start();
          return connection;
        })
        .onFailure(e -> connection.close());
  }

  private void event(ConnectionEvent event) {
    Connection connection = connections.get(event.connectionId());
    if (connection == null) {
      return;
    }
    Promise<ConnectionInfo> dial = pendingDials.remove(event.connectionId());
    if (event.closed()) {
      if (dial != null) {
        dial.tryFail(new AxException(ErrorCode.NODE_UNREACHABLE, "Connection to " + connection.remoteAddress()
            + " failed: " + (event.error() == null ? "closed by the peer" : event.error())));
      }
      connection.close();
    } else {
      connection.peerId(event.peerId());
      budget.secured(connection);
      if (dial != null) {
        dial.tryComplete(connection.info());
      }
    }
  }

  private void closed(Connection connection) {
    connections.remove(connection.id());
    budget.closed(connection);
    bootstrap.connectionClosed(connection.id());
    Promise<ConnectionInfo> dial = pendingDials.remove(connection.id());
    if (dial != null) {
      dial.tryFail(new AxException(ErrorCode.NODE_UNREACHABLE,
          "Connection to " + connection.remoteAddress() + " closed before it was secured"));
    }
    vertx.eventBus().publish(Addresses.CONNECTION_EVENTS, ConnectionEvent.closed(connection.id(), null));
    if (drained != null && connections.isEmpty()) {
      drained.tryComplete();
    }
  }

  @Override
  public Future<?> stop() {
    bootstrap.stop();
    refusals.stop();
    List<Future<?>> closing = new ArrayList<>();
    consumers.forEach(c -> closing.add(c.unregister()));
    if (server != null) {
      closing.add(server.close());
    }
    drained = Promise.promise();
    if (connections.isEmpty()) {
      drained.complete();
    }
    long deadline = vertx.setTimer(drainTimeoutMs, t -> closeRemaining());
    return Future.all(closing).compose(v -> drained.future())
        .andThen(ar -> vertx.cancelTimer(deadline))
        .compose(v -> client.close());
  }

  /** The drain deadline passed: cut what is left (the layers above end with their links). */
  private void closeRemaining() {
    if (!connections.isEmpty()) {
      LOG.info("drain deadline ({} ms) passed: closing {} remaining connection(s)", drainTimeoutMs, connections.size());
      new ArrayList<>(connections.values()).forEach(Connection::closeNow);
    }
  }
}
