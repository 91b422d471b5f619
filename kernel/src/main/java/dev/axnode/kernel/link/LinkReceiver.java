package dev.axnode.kernel.link;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The receiving end of a {@link LinkSender}'s link. Chunks go to the handler; the receiver
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
    return this;
  }

  public LinkReceiver endHandler(Handler<LinkEnd> endHandler) {
    this.endHandler = endHandler;
    return this;
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
    if (ended) {
      return;
    }
    if (body instanceof Chunk chunk) {
      if (handler != null) {
        handler.handle(chunk.data());
      }
    } else if (body instanceof LinkEnd end) {
      ended = true;
      if (endHandler != null) {
        endHandler.handle(end);
      }
    }
  }
}
