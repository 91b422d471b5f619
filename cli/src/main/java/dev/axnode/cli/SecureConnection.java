package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.protocols.NegotiationException;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection to a node's secure admin API:
 *
 * <pre>
 *   TCP (a {@link SocketLink}) ─▶ multistream /noise ─▶ Noise XX (client key proves us, node ID proves the node)
 *       ─▶ multistream /yamux/1.0.0 ─▶ one yamux stream per request, negotiated as /ax/admin/1.0.0
 * </pre>
 *
 * {@link #secured()} completes with the node's proven identity, or fails with the
 * CommandException to report. Everything touching the channel runs on one Vert.x context,
 * because {@link SecureChannel} and yamux are single-threaded; callers on other threads
 * only see futures.
 */
final class SecureConnection {

  static final String PROTOCOL = "/ax/admin/1.0.0";
  static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

  private static final Pattern MISMATCH = Pattern.compile("peer ID mismatch: dialed (\\S+), got (\\S+)");

  private final Vertx vertx;
  private final Context context;
  private final SecureNodeAddress address;
  private final Promise<NodeId> secured = Promise.promise();
  /** Completes once the socket is closed (or never opened): what was written before has been sent. */
  private final Promise<Void> ended = Promise.promise();
  private final Set<Promise<JsonObject>> pending = new HashSet<>();
  private final StreamProtocols protocols;
  private SecureChannel channel;
  private SocketLink socket;
  private long handshakeTimer = -1;
  private volatile boolean closed;

  private SecureConnection(Vertx vertx, SecureNodeAddress address) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.address = address;
    this.protocols = new StreamProtocols((millis, task) -> {
      long id = vertx.setTimer(millis, t -> task.run());
      return () -> vertx.cancelTimer(id);
    }, StreamProtocols.DEFAULT_NEGOTIATION_TIMEOUT_MILLIS, StreamProtocols.DEFAULT_MAX_NEGOTIATION_BYTES);
  }

  /** Starts connecting to {@code ip}; watch {@link #secured()}. */
  static SecureConnection connect(Vertx vertx, SecureNodeAddress address, InetAddress ip, ClientKeyPair key) {
    SecureConnection connection = new SecureConnection(vertx, address);
    connection.context.runOnContext(v -> connection.start(ip, key));
    return connection;
  }

  /** A connection that failed before it started, e.g. on an unknown host. */
  static SecureConnection failed(Vertx vertx, SecureNodeAddress address, CommandException failure) {
    SecureConnection connection = new SecureConnection(vertx, address);
    connection.closed = true;
    connection.secured.fail(failure);
    connection.ended.complete();
    return connection;
  }

  Future<NodeId> secured() {
    return secured.future();
  }

  boolean isOpen() {
    return !closed;
  }

  private void start(InetAddress ip, ClientKeyPair key) {
    StartupTrace.mark("connecting");
    SocketLink.connect(context, address, new InetSocketAddress(ip, address.multiaddr().port()),
            (int) AxClientVerticle.CONNECT_TIMEOUT_MILLIS)
        .onSuccess(link -> handshake(link, key))
        .onFailure(cause -> {
          closed = true;
          secured.tryFail(TransportFailures.failure(address, address.multiaddr().host(), cause));
          ended.tryComplete();
        });
  }

  private void handshake(SocketLink connected, ClientKeyPair key) {
    StartupTrace.mark("tcp connected");
    socket = connected;
    // A fresh static key per connection; the client's Ed25519 key signs it (libp2p-noise).
    NoiseStart start = NoiseStart.take(key);
    channel = new SecureChannel(true, start.staticKeys(), start.payload(), address.expectedPeer(), new ChannelEvents());
    socket.handler(channel::fromNetwork)
        .closeHandler(v -> {
          channel.networkClosed(null);
          ended.tryComplete();
        })
        .exceptionHandler(e -> channel.fail("network: " + e.getMessage()))
        .start();
    handshakeTimer = vertx.setTimer(HANDSHAKE_TIMEOUT_MILLIS, t -> channel.fail("handshake timeout"));
    channel.start();
    StartupTrace.mark("noise started");
  }

  /** Sends one request frame on a new stream; the future holds the node's response frame. */
  Future<JsonObject> request(long id, ByteBuf frame, long timeoutMillis) {
    Promise<JsonObject> result = Promise.promise();
    context.runOnContext(v -> {
      if (closed || channel == null || !channel.secured()) {
        frame.release();
        result.tryFail(TransportFailures.unreachable(address, "Connection closed before an answer arrived"));
        return;
      }
      pending.add(result);
      long timer = vertx.setTimer(timeoutMillis,
          t -> result.tryFail(TransportFailures.unreachable(address, "Timed out waiting for an answer")));
      result.future().onComplete(done -> {
        vertx.cancelTimer(timer);
        pending.remove(result);
      });
      protocols.open(channel.session(), PROTOCOL).whenComplete((negotiated, error) -> {
        if (error != null) {
          frame.release();
          result.tryFail(openFailure(error));
        } else if (result.future().isComplete()) {
          frame.release();
          negotiated.leftover().release();
          negotiated.stream().reset();
        } else {
          StartupTrace.mark("stream negotiated");
          new AdminStreamCall(address, negotiated.stream(), id, result).start(frame, negotiated.leftover());
        }
      });
    });
    return result.future();
  }

  /**
   * Sends an event query or subscription on a new stream and feeds its event frames to
   * {@code flow}; the future is the flow's end. No timeout: a subscription stays open.
   */
  Future<JsonObject> stream(long id, ByteBuf frame, EventFlow flow) {
    Promise<JsonObject> result = Promise.promise();
    flow.result().onComplete(result);
    result.future().onFailure(flow::fail);
    context.runOnContext(v -> {
      if (closed || channel == null || !channel.secured()) {
        frame.release();
        result.tryFail(TransportFailures.unreachable(address, "Connection closed before an answer arrived"));
        return;
      }
      pending.add(result);
      result.future().onComplete(done -> pending.remove(result));
      protocols.open(channel.session(), PROTOCOL).whenComplete((negotiated, error) -> {
        if (error != null) {
          frame.release();
          result.tryFail(openFailure(error));
        } else if (result.future().isComplete()) {
          frame.release();
          negotiated.leftover().release();
          negotiated.stream().reset();
        } else {
          new AdminStreamEvents(address, negotiated.stream(), id, flow).start(frame, negotiated.leftover());
        }
      });
    });
    return result.future();
  }

  private CommandException openFailure(Throwable error) {
    if (error instanceof NegotiationException negotiation && negotiation.isRefused()) {
      return new CommandException(ErrorCode.NODE_MISCONFIGURED, "Node at " + address
          + " does not offer the secure admin API (" + PROTOCOL + ").");
    }
    return TransportFailures.unreachable(address, "Cannot open a stream: " + error.getMessage());
  }

  /**
   * Ends the connection (yamux GoAway, then the socket); pending requests fail. Completes
   * once the socket is closed.
   */
  Future<Void> close() {
    context.runOnContext(v -> {
      if (channel != null) {
        channel.close();
      } else if (socket != null) {
        socket.close();
      }
    });
    return ended.future();
  }

  /** What the closing channel's error means to the user, before and after the handshake. */
  CommandException closeFailure(String error, boolean wasSecured) {
    if (wasSecured || error == null) {
      return TransportFailures.unreachable(address, "Connection closed before an answer arrived"
          + (error == null ? "" : " (" + error + ")"));
    }
    Matcher mismatch = MISMATCH.matcher(error);
    if (mismatch.find()) {
      return HostVerifier.peerMismatch(address, NodeId.parse(mismatch.group(1)), NodeId.parse(mismatch.group(2)));
    }
    if (error.startsWith("noise:")) {
      return new CommandException(ErrorCode.NODE_AUTH, "Node at " + address + " failed to prove its identity: "
          + error);
    }
    if (error.equals("handshake timeout")) {
      return TransportFailures.unreachable(address, "The secure handshake did not complete within "
          + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s");
    }
    if (error.startsWith("network:") || error.startsWith("connection closed")) {
      return TransportFailures.unreachable(address, Character.toUpperCase(error.charAt(0)) + error.substring(1));
    }
    if (error.startsWith("not a libp2p connection")) {
      // e.g. the swarm port, which speaks pnet first, or the HTTP API's port
      return new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + address + " does not answer as a secure"
          + " admin API (" + error + "); is this the node's secure admin API port (default 4458)?");
    }
    return new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + address + " failed the secure handshake ("
        + error + "); is this an ax node's secure admin API?");
  }

  private final class ChannelEvents implements SecureChannel.Events {
    @Override
    public void toNetwork(ByteBuf bytes) {
      socket.write(bytes);
    }

    @Override
    public void secured(SecureChannel securedChannel) {
      vertx.cancelTimer(handshakeTimer);
      StartupTrace.mark("secured");
      secured.tryComplete(securedChannel.remotePeer());
    }

    @Override
    public void stream(SecureChannel securedChannel, YamuxStream stream) {
      stream.reset(); // the node has nothing to ask a client
    }

    @Override
    public void closed(SecureChannel closedChannel, String error) {
      closed = true;
      vertx.cancelTimer(handshakeTimer);
      boolean wasSecured = secured.future().succeeded();
      CommandException failure = closeFailure(error, wasSecured);
      secured.tryFail(failure);
      Set.copyOf(pending).forEach(promise -> promise.tryFail(failure));
      socket.close();
    }
  }
}
