package dev.axnode.kernel.link;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * The sending end of a one-way, credit-controlled byte link between two layer verticles.
 *
 * <pre>
 *   sender ──Chunk, Chunk, …, LinkEnd──▶ data address ──▶ {@link LinkReceiver}
 *          ◀──────────── Credit(n) ───── credit address ◀──
 * </pre>
 *
 * The sender starts with {@code window} bytes of credit, spends it on every chunk and gets
 * it back as the receiver processes them. When it runs out, {@link #writable()} turns false
 * and the producer (a socket, an upstream link) must pause until the drain handler runs:
 * a slow layer pauses the socket instead of growing a queue. Use from one context.
 */
public final class LinkSender {

  /**
   * Shared by every chunk: {@code send(address, body)} would make a new one per chunk. Never
   * changed after creation (the event bus only reads it).
   */
  private static final DeliveryOptions CHUNK_DELIVERY = new DeliveryOptions();

  private final Vertx vertx;
  private final String dataAddress;
  private final MessageConsumer<Credit> credits;
  private final long window;
  private long credit;
  private boolean ended;
  private Handler<Void> drainHandler;

  public LinkSender(Vertx vertx, LinkAddress address, long window) {
    this.vertx = vertx;
    this.dataAddress = address.data();
    this.window = window;
    this.credit = window;
    this.credits = vertx.eventBus().localConsumer(address.credit(), m -> grant(m.body().bytes()));
  }

  /** Completes once the credit consumer is registered. */
  public Future<Void> ready() {
    return credits.completion();
  }

  /** Sends {@code data} (handing it over) and tells whether more may be sent now. */
  public boolean write(Buffer data) {
    if (ended) {
      return false;
    }
    credit -= data.length();
    vertx.eventBus().send(dataAddress, new Chunk(data), CHUNK_DELIVERY);
    return credit > 0;
  }

  public boolean writable() {
    return !ended && credit > 0;
  }

  /** Runs once each time the credit comes back above zero after running out. */
  public LinkSender drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    return this;
  }

  /** Ends the link: clean when {@code error} is null. Further writes are dropped. */
  public void end(String error) {
    if (!ended) {
      ended = true;
      vertx.eventBus().send(dataAddress, new LinkEnd(error));
    }
  }

  public boolean ended() {
    return ended;
  }

  /** Stops listening for credit; call when the connection is gone. */
  public Future<Void> close() {
    ended = true;
    return credits.unregister();
  }

  private void grant(long bytes) {
    boolean wasBlocked = credit <= 0;
    credit = Math.min(window, credit + bytes);
    if (wasBlocked && credit > 0 && drainHandler != null && !ended) {
      drainHandler.handle(null);
    }
  }
}
