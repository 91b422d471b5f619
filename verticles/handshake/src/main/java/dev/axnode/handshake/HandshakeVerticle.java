package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.lifecycle.RefusalLog;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.ConnectionInfo;
import dev.axnode.kernel.message.Dial;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.PerfRequest;
import dev.axnode.kernel.message.SetupsRequest;
import dev.axnode.kernel.message.SwarmProgressRequest;
import dev.axnode.securechannel.protocols.PerfProgress;
import dev.axnode.kernel.net.Multiaddr;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.sodium.Sodium;
import dev.axnode.yamux.YamuxStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secures every connection: multistream-select, then Noise XX or libp2p TLS 1.3 (config
 * {@code securityProtocols}, Noise first by default) with the node's Ed25519 identity (signed
 * once per start by the keystore over the event bus), then yamux and the node's protocols.
 * Limits connections per peer; pending handshakes are limited where sockets are accepted,
 * by the transport's budget (per remote IP, evicting the oldest), so no limit here can lock
 * a peer out. A swap drains: the old instance takes no new connections and keeps its own
 * until they close, for at most {@code drainTimeoutMs}; then it closes what is left.
 */
public final class HandshakeVerticle extends VerticleBase implements SecureConnection.Callbacks {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeVerticle.class);
  public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_CONNECTIONS_PER_PEER = 8;
  /** How long our listen addresses are taken as known before the kernel is asked again. */
  static final long LISTEN_ADDRS_MAX_AGE_NANOS = 10_000_000_000L;

  private final Map<String, SecureConnection> connections = new LinkedHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final List<SetupBenchmark<?>> benchmarks = new ArrayList<>();
  private final RunProgress runs = new RunProgress();
  private SwarmProtocols protocols;
  private StreamBridge bridge;
  private volatile List<Multiaddr> listenAddrs = List.of();
  private long listenAddrsAsked;
  private LocalIdentity identity;
  private long handshakeTimeoutMs;
  private long drainTimeoutMs;
  private int maxPerPeer;
  private final Set<String> pending = new HashSet<>();
  private RefusalLog failedHandshakes;
  private Promise<Void> drained;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    handshakeTimeoutMs = config.getLong("handshakeTimeoutMs", DEFAULT_HANDSHAKE_TIMEOUT_MS);
    drainTimeoutMs = config.getLong("drainTimeoutMs", DEFAULT_DRAIN_TIMEOUT_MS);
    maxPerPeer = config.getInteger("maxConnectionsPerPeer", DEFAULT_MAX_CONNECTIONS_PER_PEER);
    failedHandshakes = new RefusalLog(vertx, LOG, "swarm handshakes failed");
    List<String> order;
    try {
      order = IdentitySetup.order(config.getJsonArray("securityProtocols"));
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
    // Noise transport messages run on libsodium where it loads (a worker's job: it may unpack files)
    Future<Boolean> sodium = vertx.executeBlocking(Sodium::load);
    Future<LocalIdentity> local = IdentitySetup.create(vertx, order, config.getBoolean("tlsOpenSsl", true));
    return Future.all(sodium, local).compose(v -> {
      identity = local.result();
      NodeId nodeId = NodeId.parse(identity.nodeId());
      LOG.info("security protocols offered, in order: {}", order);
      bridge = new StreamBridge(vertx, config, connections::get, c -> protocols.protocolsOf(c));
      protocols = new SwarmProtocols(vertx, nodeId, () -> listenAddrs,
          c -> bridge.register(protocols.protocolsOf(c), c));
      LOG.info("app protocols bridged to the bus: {}", bridge.appProtocols());
      consumers.add(vertx.eventBus().<ConnectionOpen>consumer(Addresses.HANDSHAKE_OPEN, this::open));
      consumers.add(vertx.eventBus().consumer(Addresses.HANDSHAKE_STATS, m -> m.reply(new JsonValue(
          new JsonObject().put("connections", connections.size()).put("pending", pending.size())))));
      consumers.add(vertx.eventBus().consumer(Addresses.SWARM_PEERS,
          m -> m.reply(new JsonValue(protocols.describePeers(connections.values())))));
      consumers.add(vertx.eventBus().<PerfRequest>consumer(Addresses.SWARM_PERF, this::perf));
      consumers.add(vertx.eventBus().<SetupsRequest>consumer(Addresses.SWARM_SETUPS, this::setups));
      consumers.add(vertx.eventBus().<SwarmProgressRequest>consumer(Addresses.SWARM_PROGRESS, runs::answer));
      consumers.add(vertx.eventBus().consumer(Addresses.SWARM_STREAM_OPEN, bridge::open));
      return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    });
  }

  private void open(Message<ConnectionOpen> message) {
    ConnectionOpen open = message.body();
    if (drained != null) {
      BusRequests.fail(message, new AxException(ErrorCode.NODE_UNREACHABLE,
          "the handshake layer is stopping: refusing " + open.remoteAddress()));
      return;
    }
    SecureConnection connection = new SecureConnection(vertx, open, identity, this);
    connections.put(open.connectionId(), connection);
    pending.add(open.connectionId());
    connection.ready().onComplete(ar -> {
      if (ar.succeeded()) {
        connection.start(handshakeTimeoutMs);
        message.reply(null);
      } else {
        connection.fail("cannot register links: " + ar.cause().getMessage());
        BusRequests.fail(message, ar.cause());
      }
    });
  }

  @Override
  public void secured(SecureConnection connection) {
    pending.remove(connection.id());
    NodeId remote = connection.remotePeer();
    long samePeer = connections.values().stream().filter(c -> c.secured() && remote.equals(c.remotePeer())).count();
    String peer = remote.toString();
    if (samePeer > maxPerPeer) {
      connection.fail("too many connections (" + maxPerPeer + ") with " + peer);
      return;
    }
    LOG.info("connection {} {} {} secured: peer {} over {}", connection.id(),
        connection.open().outbound() ? "to" : "from", connection.open().remoteAddress(), peer,
        connection.securityProtocol());
    vertx.eventBus().publish(Addresses.CONNECTION_EVENTS, ConnectionEvent.secured(connection.id(), peer));
    refreshListenAddrs();
    protocols.secured(connection);
  }

  @Override
  public void stream(SecureConnection connection, YamuxStream stream) {
    protocols.inbound(connection, stream);
  }

  @Override
  public void closed(SecureConnection connection, String error) {
    boolean wasPending = pending.remove(connection.id());
    connections.remove(connection.id());
    protocols.closed(connection);
    bridge.closed(connection, error);
    if (error != null && wasPending) {
      // Handshakes fail by the thousand in a flood of wrong-key or junk connections: summed up, not a line each.
      failedHandshakes.record(connection.open().remoteAddress(), error);
    } else if (error != null) {
      LOG.warn("connection {} {} {} ended: {}", connection.id(), connection.open().outbound() ? "to" : "from",
          connection.open().remoteAddress(), error);
    }
    if (drained != null && connections.isEmpty()) {
      drained.tryComplete();
    }
  }

  /**
   * Our listen addresses for identify: the transport's bound socket as the kernel knows it.
   * Asked again at most every ten seconds, not for every connection (the transport may bind
   * after we start, or anew after a swap).
   */
  private void refreshListenAddrs() {
    long now = System.nanoTime();
    if (!listenAddrs.isEmpty() && now - listenAddrsAsked < LISTEN_ADDRS_MAX_AGE_NANOS) {
      return;
    }
    listenAddrsAsked = now;
    BusRequests.<NodeStatus>request(vertx, Addresses.KERNEL_NODE_STATUS, null).onSuccess(status -> {
      List<Multiaddr> addrs = new ArrayList<>();
      for (BoundAddress bound : status.addresses()) {
        if (bound.protocol().equals("tcp")) {
          String host = bound.host().equals("0.0.0.0") ? "127.0.0.1" : bound.host();
          addrs.add(Multiaddr.ofSocket(host, bound.port()));
        }
      }
      listenAddrs = List.copyOf(addrs);
    });
  }

  private void perf(Message<PerfRequest> message) {
    PerfRequest request = message.body();
    Multiaddr target;
    try {
      target = Multiaddr.parse(request.multiaddr());
    } catch (IllegalArgumentException e) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "Cannot run perf: " + e.getMessage()));
      return;
    }
    PerfProgress progress = new PerfProgress();
    String run = runs.perf(request.runId(), request.uploadBytes(), request.downloadBytes(), progress);
    connectionTo(target)
        .compose(connection -> protocols.perf(connection, request.uploadBytes(), request.downloadBytes(), progress))
        .andThen(done -> runs.end(run))
        .onSuccess(result -> message.reply(new JsonValue(result)))
        .onFailure(e -> BusRequests.fail(message, e instanceof AxException ? e
            : new AxException(ErrorCode.NODE_UNREACHABLE, "perf against " + target + " failed: " + e.getMessage())));
  }

  /** Measures setups with connections of its own, never the existing ones to that peer. */
  private void setups(Message<SetupsRequest> message) {
    Multiaddr target;
    try {
      target = Multiaddr.parse(message.body().multiaddr());
    } catch (IllegalArgumentException e) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "Cannot measure setups: " + e.getMessage()));
      return;
    }
    if (target.peer() == null) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT,
          "Cannot measure setups: " + target + " must end with /p2p/<peer ID>"));
      return;
    }
    FreshConnections steps = new FreshConnections(vertx, target, connections::get, protocols);
    SetupBenchmark<SecureConnection> benchmark = new SetupBenchmark<>(vertx, steps,
        Duration.ofSeconds(message.body().seconds()));
    benchmarks.add(benchmark);
    String run = runs.setups(message.body().runId(), benchmark);
    steps.listen().compose(v -> benchmark.run())
        .eventually(() -> {
          benchmarks.remove(benchmark);
          runs.end(run);
          return steps.stopListening();
        })
        .onSuccess(figures -> message.reply(new JsonValue(figures.put("peerId", target.peer().toString()))))
        .onFailure(e -> BusRequests.fail(message, e instanceof AxException ? e
            : new AxException(ErrorCode.NODE_UNREACHABLE, "setups against " + target + " failed: " + e.getMessage())));
  }

  /** A secured connection to {@code target}'s peer: an existing one, else a new dial through the transport. */
  private Future<SecureConnection> connectionTo(Multiaddr target) {
    if (target.peer() != null) {
      for (SecureConnection c : connections.values()) {
        if (c.secured() && target.peer().equals(c.remotePeer())) {
          return Future.succeededFuture(c);
        }
      }
    }
    return BusRequests.<ConnectionInfo>request(vertx, Addresses.TRANSPORT_DIAL, new Dial(target.toString()), 30_000)
        .compose(info -> {
          SecureConnection c = connections.get(info.connectionId());
          return c != null && c.secured() ? Future.succeededFuture(c)
              : Future.failedFuture(new AxException(ErrorCode.NODE_UNREACHABLE, "connection to " + target + " went away"));
        });
  }

  @Override
  public Future<?> stop() {
    benchmarks.forEach(SetupBenchmark::stop);
    failedHandshakes.stop();
    if (bridge != null) {
      bridge.stop();
    }
    drained = Promise.promise();
    if (connections.isEmpty()) {
      drained.complete();
    }
    long deadline = vertx.setTimer(drainTimeoutMs, t -> closeRemaining());
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
        .compose(v -> drained.future())
        .andThen(ar -> {
          vertx.cancelTimer(deadline);
          if (identity != null && identity.tls() != null) {
            identity.tls().release();
          }
        });
  }

  /** The drain deadline passed: close what is left (yamux GoAway, then the links below end). */
  private void closeRemaining() {
    if (!connections.isEmpty()) {
      LOG.info("drain deadline ({} ms) passed: closing {} remaining connection(s)", drainTimeoutMs, connections.size());
      new ArrayList<>(connections.values()).forEach(c -> c.fail("the node is stopping"));
    }
  }
}
