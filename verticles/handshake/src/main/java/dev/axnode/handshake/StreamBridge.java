package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.lifecycle.RefusalLog;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.securechannel.protocols.NegotiatedStream;
import dev.axnode.securechannel.protocols.NegotiationException;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The swarm stream bridge: app protocols (config {@code appProtocols}) on yamux streams of
 * secured swarm connections, handed to other verticles as {@link BridgedStream}s. Inbound, the
 * app at {@link Addresses#swarmInbound} is asked to take the stream; outbound, an app asks at
 * {@link Addresses#SWARM_STREAM_OPEN}. At most {@code maxAppStreamsPerConnection} bridged
 * streams (opening ones included) per connection, on top of yamux's own budgets: more are
 * reset, and logged without flooding the log.
 */
final class StreamBridge {

  private static final Logger LOG = LoggerFactory.getLogger(StreamBridge.class);
  static final List<String> DEFAULT_APP_PROTOCOLS = List.of("/ax/events/1.0.0");
  static final int DEFAULT_MAX_STREAMS_PER_CONNECTION = 16;

  private final Vertx vertx;
  private final List<String> appProtocols;
  private final int maxPerConnection;
  private final Function<String, SecureConnection> connections;
  private final Function<SecureConnection, StreamProtocols> protocolsOf;
  private final Map<String, BridgedStream> streams = new HashMap<>();
  /** Per connection: bridged streams plus those being opened or offered to the app. */
  private final Map<SecureConnection, Integer> inUse = new HashMap<>();
  private final RefusalLog refused;

  StreamBridge(Vertx vertx, JsonObject config, Function<String, SecureConnection> connections,
      Function<SecureConnection, StreamProtocols> protocolsOf) {
    this.vertx = vertx;
    JsonArray configured = config.getJsonArray("appProtocols");
    this.appProtocols = configured == null ? DEFAULT_APP_PROTOCOLS
        : configured.stream().map(String::valueOf).toList();
    this.maxPerConnection = config.getInteger("maxAppStreamsPerConnection", DEFAULT_MAX_STREAMS_PER_CONNECTION);
    this.connections = connections;
    this.protocolsOf = protocolsOf;
    this.refused = new RefusalLog(vertx, LOG, "bridged swarm streams refused");
  }

  List<String> appProtocols() {
    return appProtocols;
  }

  /** Serves the app protocols on {@code connection}'s streams (identify then lists them). */
  void register(StreamProtocols protocols, SecureConnection connection) {
    for (String protocol : appProtocols) {
      protocols.register(protocol, (stream, leftover) -> inbound(connection, protocol, stream, leftover));
    }
  }

  private void inbound(SecureConnection connection, String protocol, YamuxStream stream, ByteBuf leftover) {
    if (!reserve(connection)) {
      leftover.release();
      stream.reset();
      refused.record(connection.remotePeer().toString(), "more than " + maxPerConnection
          + " bridged streams on connection " + connection.id() + " (" + protocol + ")");
      return;
    }
    BridgedStream bridged = add(connection, UUID.randomUUID().toString(), stream);
    JsonObject offer = new JsonObject().put("connectionId", connection.id()).put("streamId", bridged.streamId())
        .put("peerId", connection.remotePeer().toString()).put("protocol", protocol);
    bridged.ready()
        .compose(v -> BusRequests.request(vertx, Addresses.swarmInbound(protocol), offer))
        .onSuccess(reply -> bridged.start(leftover))
        .onFailure(e -> {
          leftover.release();
          LOG.debug("inbound {} stream from {} not taken: {}", protocol, connection.remotePeer(), e.getMessage());
          bridged.fail("the app did not take the stream: " + e.getMessage());
        });
  }

  /** Serves {@link Addresses#SWARM_STREAM_OPEN}. */
  void open(Message<Object> message) {
    JsonObject request = jsonOf(message.body());
    String connectionId = request.getValue("connectionId") instanceof String s ? s : null;
    String protocol = request.getValue("protocol") instanceof String s ? s : null;
    String streamId = request.getValue("streamId") instanceof String s ? s : null;
    if (connectionId == null || protocol == null || streamId == null || streamId.isEmpty()) {
      refuse(message, ErrorCode.INVALID_INPUT, "connectionId, protocol and streamId are required");
    } else if (!appProtocols.contains(protocol)) {
      refuse(message, ErrorCode.INVALID_INPUT, protocol + " is not one of the app protocols " + appProtocols);
    } else if (streams.containsKey(streamId)) {
      refuse(message, ErrorCode.INVALID_INPUT, "stream " + streamId + " is already bridged");
    } else {
      SecureConnection connection = connections.apply(connectionId);
      if (connection == null || !connection.secured()) {
        refuse(message, ErrorCode.NODE_UNREACHABLE, "no secured swarm connection " + connectionId);
      } else if (!reserve(connection)) {
        refuse(message, ErrorCode.NODE_UNREACHABLE, "connection " + connectionId + " already bridges "
            + maxPerConnection + " streams");
      } else {
        openOn(connection, protocol, streamId, message);
      }
    }
  }

  /** The request as JSON: a plain JsonObject, or one wrapped in the kernel's JsonValue; else empty. */
  private static JsonObject jsonOf(Object body) {
    Object json = body instanceof JsonValue value ? value.value() : body;
    return json instanceof JsonObject object ? object : new JsonObject();
  }

  private void openOn(SecureConnection connection, String protocol, String streamId, Message<Object> message) {
    Future.fromCompletionStage(protocolsOf.apply(connection).open(connection.session(), protocol), vertx.getOrCreateContext())
        .onFailure(e -> {
          release(connection);
          String why = e instanceof NegotiationException n && n.isRefused() ? "the peer does not serve " + protocol
              : "cannot open a " + protocol + " stream: " + e.getMessage();
          refuse(message, ErrorCode.NODE_UNREACHABLE, why);
        })
        .onSuccess(negotiated -> bridge(connection, streamId, negotiated, message));
  }

  private void bridge(SecureConnection connection, String streamId, NegotiatedStream negotiated, Message<Object> message) {
    if (!connection.secured() || streams.containsKey(streamId)) {
      negotiated.leftover().release();
      negotiated.stream().reset();
      release(connection);
      refuse(message, ErrorCode.NODE_UNREACHABLE, "connection " + connection.id() + " closed or stream "
          + streamId + " taken while opening");
      return;
    }
    BridgedStream bridged = add(connection, streamId, negotiated.stream());
    bridged.ready().onComplete(ar -> {
      if (ar.failed()) {
        negotiated.leftover().release();
        bridged.fail("cannot register links: " + ar.cause().getMessage());
        refuse(message, ErrorCode.INTERNAL_ERROR, "cannot register the links of " + streamId);
        return;
      }
      bridged.start(negotiated.leftover());
      message.reply(new JsonObject().put("streamId", streamId).put("peerId", connection.remotePeer().toString()));
    });
  }

  private static void refuse(Message<?> message, ErrorCode code, String text) {
    BusRequests.fail(message, new AxException(code, "Cannot open a swarm stream: " + text));
  }

  private boolean reserve(SecureConnection connection) {
    int used = inUse.getOrDefault(connection, 0);
    if (used >= maxPerConnection) {
      return false;
    }
    inUse.put(connection, used + 1);
    return true;
  }

  private void release(SecureConnection connection) {
    inUse.computeIfPresent(connection, (c, n) -> n <= 1 ? null : n - 1);
  }

  private BridgedStream add(SecureConnection connection, String streamId, YamuxStream stream) {
    BridgedStream bridged = new BridgedStream(vertx, streamId, connection, stream, this::closed);
    streams.put(streamId, bridged);
    return bridged;
  }

  private void closed(BridgedStream bridged) {
    if (streams.remove(bridged.streamId()) == bridged) {
      release(bridged.connection());
    }
  }

  /** The connection ended: every stream bridged on it ends both links with an error. */
  void closed(SecureConnection connection, String error) {
    String why = "connection " + connection.id() + " closed" + (error == null ? "" : ": " + error);
    streams.values().stream().filter(b -> b.connection() == connection).toList().forEach(b -> b.fail(why));
    inUse.remove(connection);
  }

  void stop() {
    refused.stop();
  }
}
