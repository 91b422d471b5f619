package dev.axnode.kernel.link;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The receiving end of a {@link LinkSender}'s link. Chunks go to the handler (held until
 * both the handler and the end handler are set); the receiver
 * grants the bytes back as credit only when {@link #consumed} says they were processed, in
 * batches of a quarter window so credit messages stay rare. Use from one context.
 */
public final class LinkReceiver {

  private final Vertx vertx;
  private final String creditAddress;
  private final MessageConsumer<Object> data;
  private final long batch;
  private long unacknowledged;
  private Handler<Buffer> handler;
  private Handler<LinkEnd> endHandler;
  private boolean ended;
  /** What arrived before the handlers were set: the layers start in any order. Bounded by the sender's window. */
  private java.util.ArrayDeque<Object> early = new java.util.ArrayDeque<>();

  public LinkReceiver(Vertx vertx, LinkAddress address, long window) {
    this.vertx = vertx;
    this.creditAddress = address.credit();
    this.batch = Math.max(1, window / 4);
    this.data = vertx.eventBus().localConsumer(address.data(), m -> receive(m.body()));
  }

  /** Completes once the data consumer is registered. */
  public Future<Void> ready() {
    return data.completion();
  }

  public LinkReceiver handler(Handler<Buffer> handler) {
    this.handler = handler;
    flushEarly();
    return this;
  }

  public LinkReceiver endHandler(Handler<LinkEnd> endHandler) {
    this.endHandler = endHandler;
    flushEarly();
    return this;
  }

  private void flushEarly() {
    if (handler == null || endHandler == null || early == null) {
      return;
    }
    java.util.ArrayDeque<Object> queued = early;
    early = null;
    queued.forEach(this::deliver);
  }

  /** Reports {@code bytes} processed; credit flows back to the sender in batches. */
  public void consumed(long bytes) {
    unacknowledged += bytes;
    if (unacknowledged >= batch && !ended) {
      vertx.eventBus().send(creditAddress, new Credit(unacknowledged));
      unacknowledged = 0;
    }
  }

  public Future<Void> close() {
    ended = true;
    return data.unregister();
  }

  private void receive(Object body) {
    if (early != null) {
      early.add(body);
    } else {
      deliver(body);
    }
  }

  private void deliver(Object body) {
    if (ended) {
      return;
    }
    if (body instanceof Chunk chunk) {
      handler.handle(chunk.data());
    } else if (body instanceof LinkEnd end) {
      ended = true;
      endHandler.handle(end);
    }
  }
}
