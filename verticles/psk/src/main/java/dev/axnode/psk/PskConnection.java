package dev.axnode.psk;

import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionOpen;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The pnet layer of one connection: the first bytes each way are the nonces, everything
 * after is XORed in place and passed on.
 *
 * <pre>
 *   below ──up──▶ [ read peer nonce, decrypt ] ──up──▶ handshake
 *   below ◀─down─ [ own nonce first, encrypt ] ◀─down─ handshake
 * </pre>
 *
 * Credit is returned to a link only when the next link can take more, so backpressure
 * reaches the socket.
 */
final class PskConnection {

  static final long WINDOW = 1024 * 1024;
  static final String STAGE = "psk";
  static final String ABOVE = "handshake";

  private final ConnectionOpen open;
  private final PnetCipher cipher;
  private final LinkReceiver fromBelow;
  private final LinkSender toAbove;
  private final LinkReceiver fromAbove;
  private final LinkSender toBelow;
  private long heldUp;
  private long heldDown;
  private final Runnable onClose;
  private boolean closed;

  /** @param onClose runs once when the connection is gone, whether it ever started or not */
  PskConnection(Vertx vertx, ConnectionOpen open, PnetCipher cipher, Runnable onClose) {
    this.open = open;
    this.cipher = cipher;
    this.onClose = onClose;
    String id = open.connectionId();
    fromBelow = new LinkReceiver(vertx, LinkAddress.of(id, STAGE, Direction.UP), WINDOW);
    toAbove = new LinkSender(vertx, LinkAddress.of(id, ABOVE, Direction.UP), WINDOW);
    fromAbove = new LinkReceiver(vertx, LinkAddress.of(id, STAGE, Direction.DOWN), WINDOW);
    toBelow = new LinkSender(vertx, LinkAddress.of(id, open.below(), Direction.DOWN), WINDOW);
  }

  Future<Void> ready() {
    return Future.all(fromBelow.ready(), toAbove.ready(), fromAbove.ready(), toBelow.ready()).mapEmpty();
  }

  /** Sends the local nonce and starts moving bytes; {@code onClose} runs once both ways ended. */
  void start() {
    if (closed) {
      return;
    }
    toBelow.write(Buffer.buffer(cipher.localNonce()));
    fromBelow.handler(this::up).endHandler(this::endFromBelow);
    fromAbove.handler(this::down).endHandler(this::endFromAbove);
    toAbove.drainHandler(v -> {
      fromBelow.consumed(heldUp);
      heldUp = 0;
    });
    toBelow.drainHandler(v -> {
      fromAbove.consumed(heldDown);
      heldDown = 0;
    });
  }

  private void up(Buffer data) {
    int length = data.length();
    ByteBuf buf = Buffers.byteBuf(data);
    if (!cipher.peerNonceComplete()) {
      cipher.acceptPeerNonce(buf);
    }
    if (buf.isReadable()) {
      cipher.decrypt(buf);
      toAbove.write(Buffers.buffer(buf));
    }
    if (toAbove.writable()) {
      fromBelow.consumed(length);
    } else {
      heldUp += length;
    }
  }

  private void down(Buffer data) {
    cipher.encrypt(Buffers.byteBuf(data));
    toBelow.write(data);
    if (toBelow.writable()) {
      fromAbove.consumed(data.length());
    } else {
      heldDown += data.length();
    }
  }

  private void endFromBelow(LinkEnd end) {
    toAbove.end(end.error());
    if (toBelow.ended()) {
      close();
    }
  }

  private void endFromAbove(LinkEnd end) {
    toBelow.end(end.error());
    if (toAbove.ended()) {
      close();
    }
  }

  /** Tears the connection down both ways (the swarm key changed, the layer above refused it, a drain deadline). */
  void abort(String reason) {
    toAbove.end(reason);
    toBelow.end(reason);
    close();
  }

  private void close() {
    if (!closed) {
      closed = true;
      fromBelow.close();
      fromAbove.close();
      toAbove.close();
      toBelow.close();
      onClose.run();
    }
  }

  String id() {
    return open.connectionId();
  }
}
