package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.ConnectionInfo;
import dev.axnode.kernel.message.Dial;
import dev.axnode.kernel.net.Multiaddr;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The steps of a {@link SetupBenchmark} round on this node, against one peer.
 *
 * <pre>
 *   dial   TRANSPORT_DIAL ──▶ transport: a new TCP connection (it never reuses one), psk, us: Noise, yamux
 *          ◀── ConnectionInfo once secured
 *   ping   a new /ipfs/ping/1.0.0 stream, 32 bytes echoed, FIN
 *   close  yamux GoAway, our link down ends ──▶ psk ──▶ transport closes the socket
 *          ◀── CONNECTION_EVENTS closed(id): only now is the connection gone
 * </pre>
 *
 * Waiting for the transport's closed event means no round leaves a connection behind, so the
 * per-peer connection limit is never reached. {@link #listen} before the first round,
 * {@link #stopListening} after the last.
 */
final class FreshConnections implements SetupBenchmark.Steps<SecureConnection> {

  /** The transport's connect timeout and the handshake timeout, with room to spare. */
  static final long DIAL_TIMEOUT_MS = 30_000;
  static final long CLOSE_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Multiaddr target;
  private final Dial dial;
  private final Function<String, SecureConnection> connections;
  private final SwarmProtocols protocols;
  private final Map<String, Promise<Void>> awaitingClose = new HashMap<>();
  private MessageConsumer<ConnectionEvent> events;

  /** @param connections this verticle's connections by id (null when gone) */
  FreshConnections(Vertx vertx, Multiaddr target, Function<String, SecureConnection> connections,
                   SwarmProtocols protocols) {
    this.vertx = vertx;
    this.target = target;
    this.dial = new Dial(target.toString());
    this.connections = connections;
    this.protocols = protocols;
  }

  /** Starts listening for the transport's closed events. */
  Future<Void> listen() {
    // Cluster-wide: in a split node the transport publishing the closed events may run in another member.
    // The registration spreads to the members while the first round dials, secures and pings; should a closed
    // event still miss it, that round fails after CLOSE_TIMEOUT_MS instead of hanging.
    events = vertx.eventBus().consumer(Addresses.CONNECTION_EVENTS, m -> event(m.body()));
    return events.completion();
  }

  /** Stops listening. */
  Future<Void> stopListening() {
    return events == null ? Future.succeededFuture() : events.unregister();
  }

  @Override
  public Future<SecureConnection> dial() {
    return BusRequests.<ConnectionInfo>request(vertx, Addresses.TRANSPORT_DIAL, dial, DIAL_TIMEOUT_MS)
        .compose(info -> {
          SecureConnection connection = connections.apply(info.connectionId());
          if (connection == null || !connection.secured()) {
            return Future.failedFuture(new AxException(ErrorCode.NODE_UNREACHABLE,
                "connection to " + target + " went away"));
          }
          // The transport publishes the close after this reply, so no closed event is missed.
          awaitingClose.put(connection.id(), Promise.promise());
          return Future.succeededFuture(connection);
        });
  }

  @Override
  public Future<Void> ping(SecureConnection connection) {
    return protocols.pingOnce(connection).mapEmpty();
  }

  @Override
  public Future<Void> close(SecureConnection connection) {
    Promise<Void> gone = awaitingClose.get(connection.id());
    long timer = vertx.setTimer(CLOSE_TIMEOUT_MS, id -> gone.tryFail(
        "connection " + connection.id() + " was not closed within " + CLOSE_TIMEOUT_MS + " ms"));
    connection.fail(null);
    return gone.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      awaitingClose.remove(connection.id());
    });
  }

  private void event(ConnectionEvent event) {
    Promise<Void> gone = event.closed() ? awaitingClose.get(event.connectionId()) : null;
    if (gone != null) {
      gone.tryComplete();
    }
  }
}
