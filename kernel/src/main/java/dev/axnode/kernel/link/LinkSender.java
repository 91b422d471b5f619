package dev.axnode.kernel.link;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayDeque;

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
 *
 * <p>On a clustered Vert.x the two ends may live in different members. A clustered
 * registration reaches the other members asynchronously, and a chunk sent to an address
 * no member knows yet is dropped. So there the sender starts with no credit and holds what
 * it is given (at most what the producer writes before pausing) until the receiver's first
 * grant: the receiver sends that grant only once its own consumer is registered, and the
 * grant arriving here proves the credit address is reachable too ({@link LinkReceiver}).
 * Unclustered, both ends are in one JVM and the sender starts with the full window.
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
  /** Chunks and the end written before the receiver's first grant (clustered only); null once granted. */
  private ArrayDeque<Object> held;
  /** Closed before the first grant: stop listening right after handing over what is held. */
  private boolean closeWhenGranted;

  public LinkSender(Vertx vertx, LinkAddress address, long window) {
    this.vertx = vertx;
    this.dataAddress = address.data();
    this.window = window;
    boolean clustered = vertx.isClustered();
    this.credit = clustered ? 0 : window;
    this.held = clustered ? new ArrayDeque<>() : null;
    this.credits = clustered
        ? vertx.eventBus().consumer(address.credit(), this::credit)
        : vertx.eventBus().localConsumer(address.credit(), this::credit);
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
    forward(new Chunk(data));
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
      forward(new LinkEnd(error));
    }
  }

  public boolean ended() {
    return ended;
  }

  /**
   * Stops listening for credit; call when the connection is gone. Before the receiver's
   * first grant (clustered) it keeps listening until that grant, so a connection that ends
   * at once still tells the receiver; a receiver that never comes gives up on its own.
   */
  public Future<Void> close() {
    ended = true;
    if (held != null) {
      closeWhenGranted = true;
      return Future.succeededFuture();
    }
    return credits.unregister();
  }

  private void forward(Object message) {
    if (held != null) {
      held.add(message);
    } else {
      vertx.eventBus().send(dataAddress, message, CHUNK_DELIVERY);
    }
  }

  private void credit(Message<Credit> message) {
    if (message.replyAddress() != null) {
      // the receiver's first grant asks whether we are reachable yet; it watches our member from now on
      message.reply(MemberDepartures.thisMember(vertx));
    }
    if (held != null) {
      ArrayDeque<Object> waiting = held;
      held = null;
      waiting.forEach(this::forward);
      if (closeWhenGranted) {
        credits.unregister();
        return;
      }
    }
    grant(message.body().bytes());
  }

  private void grant(long bytes) {
    boolean wasBlocked = credit <= 0;
    credit = Math.min(window, credit + bytes);
    if (wasBlocked && credit > 0 && drainHandler != null && !ended) {
      drainHandler.handle(null);
    }
  }
}
