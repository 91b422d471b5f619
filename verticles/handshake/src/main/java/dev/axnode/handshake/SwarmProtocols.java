package dev.axnode.handshake;

import dev.axnode.securechannel.protocols.Identify;
import dev.axnode.securechannel.protocols.IdentifyMessage;
import dev.axnode.securechannel.protocols.Perf;
import dev.axnode.securechannel.protocols.PerfProgress;
import dev.axnode.securechannel.protocols.PerfResult;
import dev.axnode.securechannel.protocols.Ping;
import dev.axnode.securechannel.protocols.PingClient;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import dev.axnode.yamux.YamuxStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's protocols on every secured connection: it answers identify, ping and perf at
 * once; after {@link #SETTLE_MS} it identifies the peer and pings it, then every
 * {@link #PING_INTERVAL_MS} (js-libp2p drops connections whose pings go unanswered, and the
 * RTT is what {@code nodes inspect} shows). The wait spares a connection that ends at once
 * (a setups benchmark round, a probe, the loser of two simultaneous dials) two streams each
 * way, which would double the cost of such a connection.
 */
final class SwarmProtocols {

  private static final Logger LOG = LoggerFactory.getLogger(SwarmProtocols.class);
  static final long PING_INTERVAL_MS = 15_000;
  static final long SETTLE_MS = 500;
  static final long NEGOTIATION_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final NodeId self;
  private final Supplier<List<Multiaddr>> listenAddrs;
  private final Map<SecureConnection, PeerState> peers = new WeakHashMap<>();
  private final Consumer<SecureConnection> registerApps;

  /** @param registerApps adds the app protocols to a new connection's {@link #protocolsOf protocols} */
  SwarmProtocols(Vertx vertx, NodeId self, Supplier<List<Multiaddr>> listenAddrs, Consumer<SecureConnection> registerApps) {
    this.vertx = vertx;
    this.self = self;
    this.listenAddrs = listenAddrs;
    this.registerApps = registerApps;
  }

  /** What we know of one secured connection's peer. */
  private static final class PeerState {
    final StreamProtocols protocols;
    final long since = System.currentTimeMillis();
    String agentVersion;
    Double rttMillis;
    PingClient ping;
    long settleTimer = -1;
    long pingTimer = -1;

    PeerState(StreamProtocols protocols) {
      this.protocols = protocols;
    }
  }

  void secured(SecureConnection connection) {
    StreamProtocols protocols = new StreamProtocols((ms, task) -> {
      long id = vertx.setTimer(ms, t -> task.run());
      return () -> vertx.cancelTimer(id);
    }, NEGOTIATION_TIMEOUT_MS, StreamProtocols.DEFAULT_MAX_NEGOTIATION_BYTES);
    protocols.register(Identify.PROTOCOL_ID, Identify.responder(() -> IdentifyMessage.of(self, listenAddrs.get(),
            List.copyOf(protocols.protocolIds()), Multiaddr.parse(connection.open().remoteAddress()))))
        .register(Ping.PROTOCOL_ID, Ping.responder())
        .register(Perf.PROTOCOL_ID, Perf.server());
    PeerState state = new PeerState(protocols);
    peers.put(connection, state);
    registerApps.accept(connection);
    state.settleTimer = vertx.setTimer(SETTLE_MS, id -> identifyAndPing(connection, state));
  }

  private void identifyAndPing(SecureConnection connection, PeerState state) {
    Identify.request(state.protocols, connection.session(), connection.remotePeer()).whenComplete((message, error) -> {
      if (error != null) {
        LOG.debug("identify of {} failed: {}", connection.remotePeer(), error.getMessage());
      } else {
        state.agentVersion = message.agentVersion();
      }
    });
    Ping.open(state.protocols, connection.session()).whenComplete((client, error) -> {
      if (error == null) {
        state.ping = client;
        pingLoop(connection, state);
      }
    });
  }

  private void pingLoop(SecureConnection connection, PeerState state) {
    if (!connection.secured()) {
      return;
    }
    state.ping.ping().whenComplete((rtt, error) -> {
      if (error != null) {
        LOG.debug("ping of {} failed: {}", connection.remotePeer(), error.getMessage());
        return;
      }
      state.rttMillis = rtt.toNanos() / 1e6;
      state.pingTimer = vertx.setTimer(PING_INTERVAL_MS, id -> pingLoop(connection, state));
    });
  }

  void inbound(SecureConnection connection, YamuxStream stream) {
    PeerState state = peers.get(connection);
    if (state == null) {
      stream.reset();
    } else {
      state.protocols.accept(stream);
    }
  }

  /** The protocols served on {@code connection}'s streams, null when it is not secured. */
  StreamProtocols protocolsOf(SecureConnection connection) {
    PeerState state = peers.get(connection);
    return state == null ? null : state.protocols;
  }

  void closed(SecureConnection connection) {
    PeerState state = peers.remove(connection);
    if (state != null) {
      vertx.cancelTimer(state.settleTimer);
      vertx.cancelTimer(state.pingTimer);
    }
  }

  /** Runs perf over {@code connection}. */
  Future<JsonObject> perf(SecureConnection connection, long upload, long download, PerfProgress progress) {
    PeerState state = peers.get(connection);
    if (state == null) {
      return Future.failedFuture("connection " + connection.id() + " is not secured");
    }
    return Future.fromCompletionStage(Perf.run(state.protocols, connection.session(), upload, download, progress), vertx.getOrCreateContext())
        .map(result -> describe(connection, result));
  }

  /** Opens a new ping stream on {@code connection}, pings once and ends the stream: the round-trip time. */
  Future<Duration> pingOnce(SecureConnection connection) {
    PeerState state = peers.get(connection);
    if (state == null) {
      return Future.failedFuture("connection " + connection.id() + " is not secured");
    }
    return Future.fromCompletionStage(Ping.open(state.protocols, connection.session())
        .thenCompose(client -> client.ping().whenComplete((rtt, error) -> client.close())), vertx.getOrCreateContext());
  }

  private static JsonObject describe(SecureConnection connection, PerfResult result) {
    return new JsonObject().put("peerId", connection.remotePeer().toString())
        .put("uploadBytes", result.uploadBytes()).put("downloadBytes", result.downloadBytes())
        .put("uploadSeconds", result.uploadSeconds()).put("downloadSeconds", result.downloadSeconds())
        .put("uploadMBps", megabytesPerSecond(result.uploadBytes(), result.uploadSeconds()))
        .put("downloadMBps", megabytesPerSecond(result.downloadBytes(), result.downloadSeconds()));
  }

  private static double megabytesPerSecond(long bytes, double seconds) {
    return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
  }

  /** The secured peers, as {@code nodes inspect} lists them. */
  JsonArray describePeers(Iterable<SecureConnection> connections) {
    JsonArray list = new JsonArray();
    List<SecureConnection> secured = new ArrayList<>();
    connections.forEach(c -> {
      if (c.secured()) {
        secured.add(c);
      }
    });
    for (SecureConnection connection : secured) {
      PeerState state = peers.get(connection);
      list.add(new JsonObject().put("peerId", connection.remotePeer().toString())
          .put("connectionId", connection.id())
          .put("remoteAddress", connection.open().remoteAddress())
          .put("direction", connection.open().outbound() ? "outbound" : "inbound")
          .put("since", state == null ? null : Instant.ofEpochMilli(state.since).toString())
          .put("rttMillis", state == null ? null : state.rttMillis)
          .put("agentVersion", state == null ? null : state.agentVersion));
    }
    return list;
  }
}
