package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.securechannel.protocols.AdminFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client of a node's secure admin API. It starts connecting as soon as it exists, so
 * that {@code ax nodes ls} reaches all nodes at once, and a {@link AxClientVerticle#PREPARE}
 * hint gets the handshake done while the command line is parsed; {@link #open} waits for the
 * handshake and checks the node's identity with the request's {@link HostVerifier} on the
 * calling thread (it may ask the user) before any request leaves. Requests go as {@link AdminCall#toFrame}.
 */
final class SecureNodeClient implements NodeClient {

  /** Longest wait for connect plus handshake; each has its own shorter timeout. */
  static final long OPEN_TIMEOUT_MILLIS = AxClientVerticle.CONNECT_TIMEOUT_MILLIS
      + SecureConnection.HANDSHAKE_TIMEOUT_MILLIS + 2_000;

  private final Vertx vertx;
  private final SecureNodeAddress node;
  private final ClientKeyPair key;
  private final AtomicLong ids = new AtomicLong();
  private SecureConnection connection;
  private NodeId verified;

  SecureNodeClient(Vertx vertx, SecureNodeAddress node, ClientKeyPair key) {
    this.vertx = vertx;
    this.node = node;
    this.key = key;
    this.connection = connect();
  }

  private SecureConnection connect() {
    InetAddress ip;
    try {
      ip = node.resolve();
    } catch (UnknownHostException e) {
      return SecureConnection.failed(vertx, node, TransportFailures.failure(node, node.multiaddr().host(), e));
    }
    return SecureConnection.connect(vertx, node, ip, key);
  }

  @Override
  public NodeAddress address() {
    return node;
  }

  /**
   * Makes the client ready to send: waits for the handshake and checks the node's identity
   * with {@code verifier}, which may ask the user. Blocking and never on an event loop;
   * once verified, later calls only reconnect a dropped connection.
   */
  public synchronized void open(HostVerifier verifier) {
    if (verified != null && connection.isOpen()) {
      return;
    }
    if (verified != null) {
      // The connection dropped while the user was answering: the new one must prove the same ID.
      connection = connect();
      NodeId again = NodeClient.await(connection.secured(), OPEN_TIMEOUT_MILLIS);
      if (!again.equals(verified)) {
        throw new CommandException(ErrorCode.NODE_AUTH, "The node at " + node.hostKey() + " proved the ID "
            + again + " on reconnecting, after " + verified + " on the first connection.");
      }
      return;
    }
    NodeId proven = NodeClient.await(connection.secured(), OPEN_TIMEOUT_MILLIS);
    verifier.verify(node, proven);
    verified = proven;
    if (!connection.isOpen()) {
      open(verifier);
    }
  }

  @Override
  public Future<JsonObject> send(AdminCall call, long timeoutMillis) {
    if (verified == null) {
      return Future.failedFuture(new IllegalStateException("open() the client before sending"));
    }
    ByteBuf frame;
    try {
      long id = ids.incrementAndGet();
      frame = AdminFrameCodec.encode(call.toFrame(id), ByteBufAllocator.DEFAULT);
      return connection.request(id, frame, timeoutMillis).map(response -> toEnvelope(node, response));
    } catch (AdminFrameException e) {
      return Future.failedFuture(CommandException.invalidInput("The request is too large for the secure admin API: "
          + "at most " + AdminFrameCodec.MAX_JSON_BYTES + " bytes of JSON per request (a jar of about "
          + AdminFrameCodec.MAX_JSON_BYTES * 3 / 4 / 1024 + " KiB at most). Use the HTTP API for larger uploads."));
    } catch (CommandException e) {
      return Future.failedFuture(e);
    }
  }

  /** Runs an event query or subscription, its events going to {@code sink}; the future is its end envelope. */
  Future<JsonObject> stream(AdminCall call, EventSink sink) {
    if (verified == null) {
      return Future.failedFuture(new IllegalStateException("open() the client before sending"));
    }
    long id = ids.incrementAndGet();
    ByteBuf frame = AdminFrameCodec.encode(call.toFrame(id), ByteBufAllocator.DEFAULT);
    return connection.stream(id, frame, new EventFlow(sink));
  }

  /**
   * The envelope the HTTP API would have answered with, from a response frame
   * {@code {"id":…,"code":"OK","result":…}}; error frames become their CommandException.
   */
  static JsonObject toEnvelope(SecureNodeAddress node, JsonObject response) {
    Object code = response.getValue("code");
    if ("OK".equals(code)) {
      return AxCommand.ok(response.getValue("result"));
    }
    if (code instanceof String text && text.startsWith("ERR_")) {
      Object message = response.getValue("message");
      throw new CommandException(text, message == null ? "(no message)" : String.valueOf(message));
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node
        + " sent an unexpected answer; is this an ax node's secure admin API?");
  }

  Future<Void> close() {
    return connection.close();
  }
}
