package dev.axnode.handshake;

import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.yamux.YamuxException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * One yamux stream of a swarm connection bridged to an app verticle over two kernel links
 * ({@code link(streamId, "app", "up"|"down")}).
 *
 * <pre>
 *   peer ──yamux DATA──▶ stream ──Chunk──▶ link up   ──▶ app     (yamux window back when the link has credit)
 *   peer ◀─yamux DATA─── stream ◀─Chunk─── link down ◀── app     (link credit back when the stream is writable)
 *   FIN ⇄ clean LinkEnd, RST ⇄ error LinkEnd; a closed connection ends both links with an error
 * </pre>
 *
 * While the link up is out of credit the stream's handler is taken away: what the peer sends
 * then waits inside yamux, within the stream's receive window, and its window is not returned,
 * so a slow app stalls the peer and the node holds at most the link window plus the yamux
 * window. Bytes from the app are written to the stream at once (yamux queues them until the
 * peer's window allows, at most its send queue); their link credit goes back only while the
 * stream is writable, so the app is paused as long as the peer does not read.
 * Use from the handshake verticle's context, where the session runs.
 */
final class BridgedStream {

  static final String STAGE = "app";
  /** Link credit each way: as the connection's own links. */
  static final long WINDOW = SecureConnection.WINDOW;

  private final String streamId;
  private final SecureConnection connection;
  private final YamuxStream stream;
  private final LinkSender toApp;
  private final LinkReceiver fromApp;
  private final Consumer<BridgedStream> onClosed;
  /** Bytes forwarded to the app while its link was full: their yamux window waits for the drain. */
  private long heldFromPeer;
  /** Bytes written to the stream while it was not writable: their link credit waits for its drain. */
  private long heldFromApp;
  private boolean peerFinished;
  private boolean appFinished;
  private boolean closed;

  BridgedStream(Vertx vertx, String streamId, SecureConnection connection, YamuxStream stream,
      Consumer<BridgedStream> onClosed) {
    this.streamId = streamId;
    this.connection = connection;
    this.stream = stream;
    this.onClosed = onClosed;
    toApp = new LinkSender(vertx, LinkAddress.of(streamId, STAGE, Direction.UP), WINDOW);
    fromApp = new LinkReceiver(vertx, LinkAddress.of(streamId, STAGE, Direction.DOWN), WINDOW);
    // Set at once: a reset while the app is still being asked must free this bridge too.
    stream.resetHandler(this::resetByPeer);
  }

  /** Completes once both link ends are registered. */
  Future<Void> ready() {
    return Future.all(toApp.ready(), fromApp.ready()).mapEmpty();
  }

  /** Starts pumping both ways; takes {@code leftover} (bytes that came with the negotiation, already credited). */
  void start(ByteBuf leftover) {
    if (closed || stream.isReset()) {
      leftover.release();
      fail("stream was reset before the app took it");
      return;
    }
    if (leftover.isReadable()) {
      toApp.write(copy(leftover));
    } else {
      leftover.release();
    }
    fromApp.handler(this::fromApp).endHandler(this::appEnded);
    toApp.drainHandler(v -> appDrained());
    stream.writabilityHandler(this::peerDrained).endHandler(this::peerEnded);
    if (toApp.writable()) {
      stream.handler(this::fromPeer);
    }
  }

  private void fromPeer(ByteBuf buf) {
    int n = buf.readableBytes();
    toApp.write(copy(buf));
    if (toApp.writable()) {
      stream.consumed(n);
    } else {
      heldFromPeer += n;
      // what comes next waits in yamux (within its window) until the app returns credit
      stream.handler(null);
    }
  }

  /** The app returned credit: give the peer its window back and deliver what waited in yamux. */
  private void appDrained() {
    if (closed) {
      return;
    }
    if (heldFromPeer > 0) {
      stream.consumed((int) heldFromPeer);
      heldFromPeer = 0;
    }
    stream.handler(this::fromPeer);
  }

  /** Vert.x buffers are not reference-counted: a pooled yamux buffer must not escape into one. */
  private static Buffer copy(ByteBuf buf) {
    try {
      return Buffer.buffer(ByteBufUtil.getBytes(buf));
    } finally {
      buf.release();
    }
  }

  private void fromApp(Buffer data) {
    int n = data.length();
    if (!stream.write(Buffers.byteBuf(data))) {
      if (!stream.isReset()) {
        fail("the app wrote more than the stream's send queue holds");
      }
      return;
    }
    if (stream.isWritable()) {
      fromApp.consumed(n);
    } else {
      heldFromApp += n;
    }
  }

  private void peerDrained() {
    if (heldFromApp > 0 && !closed) {
      fromApp.consumed(heldFromApp);
      heldFromApp = 0;
    }
  }

  private void peerEnded() {
    peerFinished = true;
    toApp.end(null);
    closeIfDone();
  }

  private void appEnded(LinkEnd end) {
    if (!end.clean()) {
      fail(end.error());
      return;
    }
    appFinished = true;
    stream.closeWrite();
    closeIfDone();
  }

  private void resetByPeer(YamuxException cause) {
    fail("stream reset: " + cause.getMessage());
  }

  /** Both directions half-closed: the stream is yamux's to finish, the links are done. */
  private void closeIfDone() {
    if (peerFinished && appFinished) {
      release();
    }
  }

  /** Ends both ways with {@code error}: the app hears an error LinkEnd, the peer a RST. Idempotent. */
  void fail(String error) {
    if (closed) {
      return;
    }
    toApp.end(error);
    stream.reset();
    release();
  }

  private void release() {
    if (closed) {
      return;
    }
    closed = true;
    stream.handler(null).writabilityHandler(null).endHandler(null).resetHandler(null);
    toApp.close();
    fromApp.close();
    onClosed.accept(this);
  }

  String streamId() {
    return streamId;
  }

  SecureConnection connection() {
    return connection;
  }
}
