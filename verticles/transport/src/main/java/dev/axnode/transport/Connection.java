package dev.axnode.transport;

import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.function.Consumer;

/**
 * One TCP connection and its two links to the layer above (psk for the swarm).
 *
 * <pre>
 *   socket ──read──▶ LinkSender(up, into the layer above)      a full link pauses the socket
 *   socket ◀─write── LinkReceiver(down, from the layer above)  a full socket withholds credit
 * </pre>
 *
 * The close handler is set at once, so a connection that never starts (the layer above
 * refused it, or it was evicted while pending) is cleaned up like any other: {@code onClosed}
 * runs exactly once, whichever way it ends.
 */
final class Connection {

  static final long WINDOW = 1024 * 1024;
  /** How long a socket may take to flush its last bytes after the layer above ended before it is cut. */
  static final long LINGER_MS = 2_000;

  private final Vertx vertx;
  private final String id;
  private final NetSocket socket;
  private final boolean outbound;
  private final String remoteAddress;
  private final String remoteIp;
  private final long since = System.currentTimeMillis();
  private final LinkSender up;
  private final LinkReceiver down;
  private final Consumer<Connection> onClosed;
  private long bytesIn;
  private long bytesOut;
  private long heldCredit;
  private long lingerTimer = -1;
  private String peerId;
  private boolean closed;

  Connection(Vertx vertx, String id, NetSocket socket, boolean outbound, String remoteIp, String remoteAddress,
             String above, Consumer<Connection> onClosed) {
    this.vertx = vertx;
    this.id = id;
    this.socket = socket;
    this.outbound = outbound;
    this.remoteIp = remoteIp;
    this.remoteAddress = remoteAddress;
    this.onClosed = onClosed;
    this.up = new LinkSender(vertx, LinkAddress.of(id, above, LinkAddress.Direction.UP), WINDOW);
    this.down = new LinkReceiver(vertx, LinkAddress.of(id, "transport", LinkAddress.Direction.DOWN), WINDOW);
    socket.pause();
    socket.closeHandler(v -> closed());
  }

  /** Completes when both links are registered. */
  Future<Void> ready() {
    return Future.all(up.ready(), down.ready()).mapEmpty();
  }

  /** Starts moving bytes both ways; call once the layer above has joined. */
  void start() {
    if (closed) {
      return;
    }
    socket.handler(this::fromNetwork);
    up.drainHandler(v -> socket.resume());
    down.handler(this::toNetwork).endHandler(this::endFromAbove);
    socket.drainHandler(v -> releaseCredit());
    socket.exceptionHandler(e -> up.end("socket error: " + e.getMessage()));
    socket.resume();
  }

  private void fromNetwork(Buffer data) {
    bytesIn += data.length();
    if (!up.write(data)) {
      socket.pause();
    }
  }

  private void toNetwork(Buffer data) {
    bytesOut += data.length();
    socket.write(data);
    if (socket.writeQueueFull()) {
      heldCredit += data.length();
    } else {
      down.consumed(data.length());
    }
  }

  private void releaseCredit() {
    down.consumed(heldCredit);
    heldCredit = 0;
  }

  /** The layer above is done: flush what is queued, but a peer that does not read cannot keep the socket. */
  private void endFromAbove(LinkEnd end) {
    socket.end();
    lingerTimer = vertx.setTimer(LINGER_MS, t -> close());
  }

  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(lingerTimer);
    up.end(null);
    up.close();
    down.close();
    onClosed.accept(this);
  }

  /** Closes the socket; the layers above learn it through the end of their link. */
  void close() {
    socket.close();
  }

  /** Closes the socket and forgets the connection now, without waiting for the socket's close event. */
  void closeNow() {
    socket.close();
    closed();
  }

  void peerId(String peerId) {
    this.peerId = peerId;
  }

  boolean secured() {
    return peerId != null;
  }

  String id() {
    return id;
  }

  boolean outbound() {
    return outbound;
  }

  String remoteIp() {
    return remoteIp;
  }

  String remoteAddress() {
    return remoteAddress;
  }

  ConnectionInfo info() {
    return new ConnectionInfo(id, peerId, remoteAddress, outbound ? "outbound" : "inbound", since, bytesIn, bytesOut);
  }
}
