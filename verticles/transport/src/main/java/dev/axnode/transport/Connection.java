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

/**
 * One TCP connection and its two links to the layer above (psk for the swarm).
 *
 * <pre>
 *   socket ──read──▶ LinkSender(up, into the layer above)      a full link pauses the socket
 *   socket ◀─write── LinkReceiver(down, from the layer above)  a full socket withholds credit
 * </pre>
 */
final class Connection {

  static final long WINDOW = 1024 * 1024;

  private final String id;
  private final NetSocket socket;
  private final boolean outbound;
  private final String remoteAddress;
  private final long since = System.currentTimeMillis();
  private final LinkSender up;
  private final LinkReceiver down;
  private long bytesIn;
  private long bytesOut;
  private long heldCredit;
  private String peerId;
  private Runnable onClose = () -> { };

  Connection(Vertx vertx, String id, NetSocket socket, boolean outbound, String remoteAddress, String above) {
    this.id = id;
    this.socket = socket;
    this.outbound = outbound;
    this.remoteAddress = remoteAddress;
    this.up = new LinkSender(vertx, LinkAddress.of(id, above, LinkAddress.Direction.UP), WINDOW);
    this.down = new LinkReceiver(vertx, LinkAddress.of(id, "transport", LinkAddress.Direction.DOWN), WINDOW);
    socket.pause();
  }

  /** Completes when both links are registered. */
  Future<Void> ready() {
    return Future.all(up.ready(), down.ready()).mapEmpty();
  }

  /** Starts moving bytes both ways; call once the layer above has joined. */
  void start(Runnable onClose) {
    this.onClose = onClose;
    socket.handler(this::fromNetwork);
    up.drainHandler(v -> socket.resume());
    down.handler(this::toNetwork).endHandler(this::endFromAbove);
    socket.drainHandler(v -> releaseCredit());
    socket.closeHandler(v -> closed());
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

  private void endFromAbove(LinkEnd end) {
    socket.end();
  }

  private void closed() {
    up.end(null);
    up.close();
    down.close();
    onClose.run();
  }

  /** Closes the socket; the layers above learn it through the end of their link. */
  void close() {
    socket.close();
  }

  void peerId(String peerId) {
    this.peerId = peerId;
  }

  String id() {
    return id;
  }

  boolean outbound() {
    return outbound;
  }

  String remoteAddress() {
    return remoteAddress;
  }

  ConnectionInfo info() {
    return new ConnectionInfo(id, peerId, remoteAddress, outbound ? "outbound" : "inbound", since, bytesIn, bytesOut);
  }
}
