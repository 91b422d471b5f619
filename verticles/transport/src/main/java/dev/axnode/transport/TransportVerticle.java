package dev.axnode.transport;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.lifecycle.BoundPorts;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.ConnectionInfo;
import dev.axnode.kernel.message.ConnectionList;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.kernel.message.Dial;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
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
 * the layers announce when a connection is secured. A swap drains: the old instance stops
 * accepting and dialing and keeps its connections until they close.
 */
public final class TransportVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TransportVerticle.class);
  static final String ABOVE = "psk";

  private final String idPrefix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
  private final Map<String, Connection> connections = new LinkedHashMap<>();
  private final Map<String, Promise<ConnectionInfo>> pendingDials = new LinkedHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long nextId;
  private Bootstrap bootstrap;
  private NetServer server;
  private NetClient client;
  private Promise<Void> drained;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    String host = config.getString("swarmBind", "0.0.0.0");
    int port = BoundPorts.portToBind(BoundPorts.Listener.SWARM, config.getInteger("swarmPort", 4001));
    client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(config.getInteger("connectTimeoutMs", 10_000))
        .setTcpNoDelay(true));
    consumers.add(vertx.eventBus().<Dial>consumer(Addresses.TRANSPORT_DIAL, this::dial));
    consumers.add(vertx.eventBus().consumer(Addresses.TRANSPORT_CONNECTIONS,
        m -> m.reply(new ConnectionList(connections.values().stream().map(Connection::info).toList()))));
    consumers.add(vertx.eventBus().<ConnectionEvent>consumer(Addresses.CONNECTION_EVENTS, m -> event(m.body())));
    bootstrap = new Bootstrap(vertx, target -> dialTo(target).map(ConnectionInfo::connectionId));
    consumers.add(vertx.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED,
        m -> bootstrap.update(m.body().settings())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
            .connectHandler(socket -> accept(socket))
            .listen())
        .compose(bound -> {
          server = bound;
          return BusRequests.request(vertx, Addresses.KERNEL_ADDRESS_BOUND,
              new BoundAddress(config.getString("name", "transport"), "tcp", host, bound.actualPort()));
        })
        .compose(v -> BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(".", false)))
        .onSuccess(tree -> bootstrap.update((JsonObject) tree.value()));
  }

  private void accept(NetSocket socket) {
    open(socket, false, null).onFailure(e -> LOG.warn("inbound connection from {} failed: {}",
        socket.remoteAddress(), e.getMessage()));
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
        .compose(socket -> open(socket, true, expected))
        .compose(connection -> {
          Promise<ConnectionInfo> secured = Promise.promise();
          pendingDials.put(connection.id(), secured);
          return secured.future();
        });
  }

  private Future<Connection> open(NetSocket socket, boolean outbound, String expectedPeer) {
    String id = idPrefix + "-" + (++nextId);
    String remote = Multiaddr.ofSocket(socket.remoteAddress().hostAddress(), socket.remoteAddress().port()).toString();
    Connection connection = new Connection(vertx, id, socket, outbound, remote, ABOVE);
    connections.put(id, connection);
    return connection.ready()
        .compose(v -> BusRequests.request(vertx, Addresses.PSK_OPEN,
            new ConnectionOpen(id, outbound, remote, expectedPeer, "transport")))
        .map(v -> {
          connection.start(() -> closed(connection));
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
      if (dial != null) {
        dial.tryComplete(connection.info());
      }
    }
  }

  private void closed(Connection connection) {
    connections.remove(connection.id());
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
    List<Future<?>> closing = new ArrayList<>();
    consumers.forEach(c -> closing.add(c.unregister()));
    if (server != null) {
      closing.add(server.close());
    }
    drained = Promise.promise();
    if (connections.isEmpty()) {
      drained.complete();
    }
    return Future.all(closing).compose(v -> drained.future()).compose(v -> client.close());
  }
}
