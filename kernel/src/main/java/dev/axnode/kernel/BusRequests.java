package dev.axnode.kernel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Event-bus requests that survive a swap and fail fast when their verticle is gone.
 *
 * <p>During a make-before-break swap the old instance unregisters its consumers while a
 * request may already be on its way to it; Vert.x then discards the message and fails the
 * request at once, before any handler saw it. Such a request was never processed, so it is
 * safe to send again, and the new instance answers it. Likewise a short NO_HANDLERS gap is
 * retried for a moment. Every other failure is returned as it is, typed by {@link AxException}.
 *
 * <p>Every request has one deadline, retries included. On a clustered node the verticle may
 * run in another JVM, and when that JVM dies the clustered event bus neither answers a
 * request already delivered to it nor refuses a new one at once (the dead member's consumers
 * stay registered until the cluster notices it left): only the deadline ends such a request.
 * So control requests get {@link #DEFAULT_TIMEOUT_MS}, settings writes (which queue behind
 * each other's fsyncs) {@link #WRITE_TIMEOUT_MS}, and long operations (perf, setups, swaps,
 * dials) pass their own explicit deadline. A request that ends unanswered fails with
 * {@link ErrorCode#NODE_UNREACHABLE} naming the verticle that did not answer.
 */
public final class BusRequests {

  /** Default deadline of a control request (settings reads, keystore, kernel, stats). */
  public static final long DEFAULT_TIMEOUT_MS = 2_000;
  /**
   * Default deadline of a settings write: each one is an fsync'ed atomic file write, done one
   * after the other, so a burst of writes queues for longer than a control request may take.
   */
  public static final long WRITE_TIMEOUT_MS = 10_000;
  /**
   * Deadline of the requests a verticle makes while it starts (its settings, the node's
   * identity, the keystore's signature over its keys): on a clustered node a member may start
   * while the one it asks is itself starting or busy, and a start that fails is worse than
   * one that waits. Requests a user waits for keep the short deadlines.
   */
  public static final long START_TIMEOUT_MS = 10_000;
  private static final int MAX_ATTEMPTS = 20;
  private static final long RETRY_DELAY_MS = 25;

  private BusRequests() {
  }

  /** Sends {@code body} to {@code address} and returns the reply body, within {@link #defaultTimeoutMs}. */
  public static <T> Future<T> request(Vertx vertx, String address, Object body) {
    return request(vertx, address, body, defaultTimeoutMs(address));
  }

  /** The deadline of a request to {@code address} that names none: {@link #WRITE_TIMEOUT_MS} for settings writes, else {@link #DEFAULT_TIMEOUT_MS}. */
  public static long defaultTimeoutMs(String address) {
    return Addresses.SETTINGS_SET.equals(address) || Addresses.SETTINGS_UNSET.equals(address)
        ? WRITE_TIMEOUT_MS : DEFAULT_TIMEOUT_MS;
  }

  public static <T> Future<T> request(Vertx vertx, String address, Object body, long timeoutMs) {
    Promise<T> promise = Promise.promise();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    attempt(vertx, address, body, deadline, 1, promise);
    return promise.future().recover(failure -> Future.failedFuture(typed(address, timeoutMs, failure)));
  }

  private static <T> void attempt(Vertx vertx, String address, Object body, long deadline,
                                  int attempt, Promise<T> promise) {
    long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    vertx.eventBus().<T>request(address, body, new DeliveryOptions().setSendTimeout(remainingMs)).onComplete(ar -> {
      if (ar.succeeded()) {
        promise.complete(ar.result().body());
      } else if (attempt < MAX_ATTEMPTS && neverProcessed(ar.cause())
          && deadline - System.nanoTime() > RETRY_DELAY_MS * 1_000_000) {
        vertx.setTimer(attempt == 1 ? 1 : RETRY_DELAY_MS,
            id -> attempt(vertx, address, body, deadline, attempt + 1, promise));
      } else {
        promise.fail(ar.cause());
      }
    });
  }

  private static boolean neverProcessed(Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return false;
    }
    if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return true;
    }
    String text = reply.getMessage();
    return reply.failureType() == ReplyFailure.TIMEOUT && text != null && text.startsWith("Discarded the request");
  }

  /** The typed failure: a request nobody answered names the verticle that should have. */
  static AxException typed(String address, long timeoutMs, Throwable failure) {
    if (failure instanceof ReplyException reply && !(failure instanceof AxException)) {
      String verticle = Addresses.verticleOf(address);
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new AxException(ErrorCode.NODE_UNREACHABLE, "The " + verticle
            + " verticle is not running on any member of this node (nothing serves " + address + ")");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new AxException(ErrorCode.NODE_UNREACHABLE, "The " + verticle + " verticle did not answer "
            + address + " within " + timeoutMs + " ms; its member may be down or overloaded");
      }
    }
    return AxException.from(failure);
  }

  /** Replies with the typed failure of {@code failure}. */
  public static void fail(Message<?> message, Throwable failure) {
    AxException ax = AxException.from(failure);
    message.fail(ax.code().number(), ax.getMessage());
  }
}
