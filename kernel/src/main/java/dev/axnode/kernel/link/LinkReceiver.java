package dev.axnode.kernel.link;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The receiving end of a {@link LinkSender}'s link. Chunks go to the handler (held until
 * both the handler and the end handler are set); the receiver
 * grants the bytes back as credit only when {@link #consumed} says they were processed, in
 * batches of a quarter window so credit messages stay rare. Use from one context.
 *
 * <p>On a clustered Vert.x the sender may be in another member and starts with no credit
 * ({@link LinkSender}). Once the data consumer is registered, the receiver grants the whole
 * window as a request: a NO_HANDLERS failure means the sender's registration has not reached
 * this member yet (or the sender is not there yet), so it asks again every
 * {@value #ANNOUNCE_RETRY_MS} ms. The reply proves the credit address reachable, so later
 * grants can go as plain sends. A sender that never appears within {@value #OPEN_TIMEOUT_MS}
 * ms ends the link with an error instead of leaving the layer waiting.
 */
public final class LinkReceiver {

  /** How long a clustered receiver waits for its sender: the handshake's own timeout, with room. */
  static final long OPEN_TIMEOUT_MS = 30_000;
  static final long ANNOUNCE_RETRY_MS = 20;
  private static final DeliveryOptions ANNOUNCE = new DeliveryOptions().setSendTimeout(2_000);

  private final Vertx vertx;
  private final String creditAddress;
  private final long window;
  private long announceTimer = -1;
  private Runnable stopWatching = () -> { };
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
    this.window = window;
    this.batch = Math.max(1, window / 4);
    if (vertx.isClustered()) {
      this.data = vertx.eventBus().consumer(address.data(), m -> receive(m.body()));
      long deadline = System.nanoTime() + OPEN_TIMEOUT_MS * 1_000_000;
      data.completion().onSuccess(v -> announce(deadline));
    } else {
      this.data = vertx.eventBus().localConsumer(address.data(), m -> receive(m.body()));
    }
  }

  /** The first grant, repeated until the sender is reachable from this member. */
  private void announce(long deadline) {
    announceTimer = -1;
    if (ended) {
      return;
    }
    vertx.eventBus().<String>request(creditAddress, new Credit(window), ANNOUNCE).onSuccess(reply -> {
      // A killed member sends no LinkEnd: end the link ourselves when the sender's member leaves.
      if (!ended) {
        stopWatching = MemberDepartures.of(vertx).watch(reply.body(),
            () -> receive(new LinkEnd("the member running the other end of " + creditAddress + " left the cluster")));
      }
    }).onFailure(e -> {
      boolean notYet = e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      if (notYet && System.nanoTime() < deadline) {
        announceTimer = vertx.setTimer(ANNOUNCE_RETRY_MS, t -> announce(deadline));
      } else {
        receive(new LinkEnd("the sending end of link " + creditAddress + " is unreachable: " + e.getMessage()));
      }
    });
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
    vertx.cancelTimer(announceTimer);
    stopWatching.run();
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
      stopWatching.run();
      endHandler.handle(end);
    }
  }
}
