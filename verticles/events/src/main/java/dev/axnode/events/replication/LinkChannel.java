package dev.axnode.events.replication;

import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;

/**
 * A {@link DuplexChannel} over the handshake verticle's links of one yamux stream: bytes from the
 * peer arrive on {@code in}, ours leave on {@code out}. Pausing holds chunks here and withholds
 * their credit, so the peer's yamux window closes instead of this side buffering more than
 * {@link #WINDOW}. Use from one context.
 */
public final class LinkChannel implements DuplexChannel {

  /** Credit each way: a couple of the largest frames in flight, within the yamux stream window. */
  public static final long WINDOW = 2L * FrameCodec.MAX_FRAME_BYTES;

  private final LinkReceiver receiver;
  private final LinkSender sender;
  private final ArrayDeque<Object> held = new ArrayDeque<>();
  /** Null until the session starts: what arrives before is held, not dropped. */
  private Handler<Buffer> handler;
  private Handler<String> endHandler = e -> { };
  private boolean paused;
  private boolean closed;

  public LinkChannel(Vertx vertx, LinkAddress in, LinkAddress out) {
    this.receiver = new LinkReceiver(vertx, in, WINDOW);
    this.sender = new LinkSender(vertx, out, WINDOW);
    receiver.handler(this::arrived);
    receiver.endHandler(this::arrived);
  }

  /** The channel of the app end of stream {@code streamId}: up from the network, down towards it. */
  public static LinkChannel ofStream(Vertx vertx, String streamId) {
    return new LinkChannel(vertx, LinkAddress.of(streamId, "app", LinkAddress.Direction.UP),
        LinkAddress.of(streamId, "app", LinkAddress.Direction.DOWN));
  }

  /** Completes once both consumers are registered, before anyone is told to pump. */
  public Future<Void> ready() {
    return Future.all(receiver.ready(), sender.ready()).mapEmpty();
  }

  @Override
  public boolean write(Buffer data) {
    return sender.write(data);
  }

  @Override
  public boolean writable() {
    return sender.writable();
  }

  @Override
  public void drainHandler(Handler<Void> handler) {
    sender.drainHandler(handler);
  }

  @Override
  public void handler(Handler<Buffer> handler) {
    this.handler = handler;
    flush();
  }

  @Override
  public void endHandler(Handler<String> handler) {
    this.endHandler = handler;
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    flush();
  }

  private void flush() {
    while (!paused && handler != null && !held.isEmpty()) {
      deliver(held.poll());
    }
  }

  @Override
  public void end(String error) {
    sender.end(error);
    close();
  }

  /** Stops listening on both links (the connection is gone, or we ended). */
  public void close() {
    if (!closed) {
      closed = true;
      held.clear();
      receiver.close();
      sender.close();
    }
  }

  private void arrived(Object item) {
    if (paused || handler == null || !held.isEmpty()) {
      held.add(item);
    } else {
      deliver(item);
    }
  }

  private void deliver(Object item) {
    if (closed) {
      return;
    }
    if (item instanceof LinkEnd end) {
      close();
      endHandler.handle(end.error());
      return;
    }
    Buffer data = (Buffer) item;
    handler.handle(data);
    // credit only for what was handed over: while paused the peer's window closes
    receiver.consumed(data.length());
  }
}
