package dev.axnode.events.replication;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.JsonValue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs replication over the swarm for one {@link ReplicationLog}: for each secured connection
 * this node dialed it opens one {@code /ax/events/1.0.0} stream (the other side serves it), and
 * it serves the streams peers open. A stream that ends while its connection lives is reopened
 * by the dialing side after a back-off (1 s doubling to 60 s, back to 1 s after a session that
 * got past HELLO and ended cleanly), so a peer that changes its topic or restarts its events verticle is met
 * again. Create, start and stop it on the log's context.
 */
public final class Replicator {

  public static final String PROTOCOL = "/ax/events/1.0.0";
  static final String SWARM_STREAM_OPEN = Addresses.SWARM_STREAM_OPEN;
  static final String SWARM_INBOUND = Addresses.swarmInbound(PROTOCOL);

  /** Opening a stream is a yamux SYN and a multistream round trip; a loaded peer may take seconds. */
  static final long OPEN_TIMEOUT_MS = 10_000;
  static final long FIRST_RETRY_MS = 1_000;
  static final long MAX_RETRY_MS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(Replicator.class);

  private final Vertx vertx;
  private final ReplicationLog log;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** Connections this node dialed, by connection ID. */
  private final Map<String, Dialed> dialed = new HashMap<>();
  /** Every running session by stream ID, with the connection it runs on. */
  private final Map<String, Running> running = new HashMap<>();
  private boolean stopped;

  public Replicator(Vertx vertx, ReplicationLog log) {
    this.vertx = vertx;
    this.log = log;
  }

  /** Listens for connections and inbound streams, then opens streams on the connections already up. */
  public Future<Void> start() {
    consumers.add(vertx.eventBus().<JsonObject>consumer(SWARM_INBOUND, this::inbound));
    consumers.add(vertx.eventBus().<ConnectionEvent>consumer(Addresses.CONNECTION_EVENTS, m -> connection(m.body())));
    Future<Void> listening = Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    return listening.onSuccess(v -> refreshPeers());
  }

  /** Ends every session: the log switched topic. Dialed connections get a new stream at once. */
  public void topicChanged() {
    dialed.values().forEach(d -> d.retryMs = 0);
    List.copyOf(running.values()).forEach(r -> r.session.end(null));
  }

  /** Ends every session and stops listening. */
  public Future<Void> stop() {
    stopped = true;
    dialed.values().forEach(d -> vertx.cancelTimer(d.timer));
    dialed.clear();
    List.copyOf(running.values()).forEach(r -> r.session.end(null));
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  /** The sessions running now (for the log and tests). */
  public int sessions() {
    return running.size();
  }

  private void connection(ConnectionEvent event) {
    if (stopped) {
      return;
    }
    if (!event.closed()) {
      refreshPeers();
      return;
    }
    Dialed gone = dialed.remove(event.connectionId());
    if (gone != null) {
      vertx.cancelTimer(gone.timer);
    }
    List.copyOf(running.values()).stream().filter(r -> r.connectionId.equals(event.connectionId()))
        .forEach(r -> r.session.end("the connection closed"));
  }

  /** Asks the handshake verticle for the secured connections and opens a stream on each new dialed one. */
  private void refreshPeers() {
    BusRequests.<JsonValue>request(vertx, Addresses.SWARM_PEERS, null).onSuccess(reply -> {
      if (stopped || !(reply.value() instanceof JsonArray peers)) {
        return;
      }
      for (Object entry : peers) {
        if (entry instanceof JsonObject peer && "outbound".equals(peer.getString("direction"))
            && !dialed.containsKey(peer.getString("connectionId"))) {
          Dialed d = new Dialed(peer.getString("connectionId"), peer.getString("peerId"));
          dialed.put(d.connectionId, d);
          open(d);
        }
      }
    }).onFailure(e -> LOG.debug("replication: the swarm peers are not known yet: {}", e.getMessage()));
  }

  private void open(Dialed d) {
    String streamId = UUID.randomUUID().toString();
    LinkChannel channel = LinkChannel.ofStream(vertx, streamId);
    JsonObject request = new JsonObject().put("connectionId", d.connectionId).put("protocol", PROTOCOL)
        .put("streamId", streamId);
    channel.ready().compose(v -> BusRequests.<JsonObject>request(vertx, SWARM_STREAM_OPEN, request, OPEN_TIMEOUT_MS))
        .onSuccess(reply -> {
          if (stopped || dialed.get(d.connectionId) != d) {
            channel.end(null);
            return;
          }
          String peer = reply.getString("peerId", d.peerId);
          run(streamId, d.connectionId, peer, channel, d);
        })
        .onFailure(e -> {
          channel.close();
          LOG.debug("replication: opening a stream to {} failed: {}", d.peerId, e.getMessage());
          retry(d);
        });
  }

  /** Serves a stream a peer opened: links first, then the reply that lets the handshake pump. */
  private void inbound(Message<JsonObject> request) {
    JsonObject body = request.body();
    String streamId = body.getString("streamId");
    if (stopped || streamId == null) {
      request.fail(503, "replication is not running");
      return;
    }
    LinkChannel channel = LinkChannel.ofStream(vertx, streamId);
    channel.ready().onComplete(ar -> {
      if (ar.failed() || stopped) {
        channel.close();
        request.fail(503, "replication is not running");
        return;
      }
      request.reply(new JsonObject());
      run(streamId, body.getString("connectionId", ""), body.getString("peerId", "unknown peer"), channel, null);
    });
  }

  private void run(String streamId, String connectionId, String peer, LinkChannel channel, Dialed d) {
    ReplicationSession[] session = new ReplicationSession[1];
    session[0] = new ReplicationSession(log, channel, peer, error -> ended(streamId, session[0], d, error));
    running.put(streamId, new Running(connectionId, session[0]));
    LOG.debug("replication with {} started (stream {})", peer, streamId);
    session[0].start();
  }

  private void ended(String streamId, ReplicationSession session, Dialed d, String error) {
    running.remove(streamId);
    LOG.debug("replication stream {} ended{}", streamId, error == null ? "" : ": " + error);
    if (d != null) {
      // a clean session resets the back-off; one that failed (a forged block, say) keeps doubling it
      if (session.greeted() && error == null) {
        d.retryMs = Math.min(d.retryMs, FIRST_RETRY_MS);
      }
      retry(d);
    }
  }

  private void retry(Dialed d) {
    if (stopped || dialed.get(d.connectionId) != d) {
      return;
    }
    long delay = d.retryMs;
    d.retryMs = Math.max(FIRST_RETRY_MS, Math.min(MAX_RETRY_MS, delay * 2));
    if (delay == 0) {
      open(d);
    } else {
      d.timer = vertx.setTimer(delay, t -> open(d));
    }
  }

  /** A connection this node dialed, and when to try its stream again. */
  private static final class Dialed {
    final String connectionId;
    final String peerId;
    long retryMs = FIRST_RETRY_MS;
    long timer = -1;

    Dialed(String connectionId, String peerId) {
      this.connectionId = connectionId;
      this.peerId = peerId;
    }
  }

  private record Running(String connectionId, ReplicationSession session) {
  }
}
