package dev.axnode.kernel;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Event-bus requests that survive a swap.
 *
 * <p>During a make-before-break swap the old instance unregisters its consumers while a
 * request may already be on its way to it; Vert.x then discards the message and fails the
 * request at once, before any handler saw it. Such a request was never processed, so it is
 * safe to send again, and the new instance answers it. Likewise a short NO_HANDLERS gap is
 * retried for a moment. Every other failure is returned as it is, typed by {@link AxException}.
 */
public final class BusRequests {

  /** Default time a request may take before it fails with a timeout. */
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  private static final int MAX_ATTEMPTS = 20;
  private static final long RETRY_DELAY_MS = 25;

  private BusRequests() {
  }

  /** Sends {@code body} to {@code address} and returns the reply body. */
  public static <T> Future<T> request(Vertx vertx, String address, Object body) {
    return request(vertx, address, body, DEFAULT_TIMEOUT_MS);
  }

  public static <T> Future<T> request(Vertx vertx, String address, Object body, long timeoutMs) {
    Promise<T> promise = Promise.promise();
    attempt(vertx, address, body, new DeliveryOptions().setSendTimeout(timeoutMs), 1, promise);
    return promise.future().recover(failure -> Future.failedFuture(AxException.from(failure)));
  }

  private static <T> void attempt(Vertx vertx, String address, Object body, DeliveryOptions options,
                                  int attempt, Promise<T> promise) {
    vertx.eventBus().<T>request(address, body, options).onComplete(ar -> {
      if (ar.succeeded()) {
        promise.complete(ar.result().body());
      } else if (attempt < MAX_ATTEMPTS && neverProcessed(ar.cause())) {
        vertx.setTimer(attempt == 1 ? 1 : RETRY_DELAY_MS,
            id -> attempt(vertx, address, body, options, attempt + 1, promise));
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

  /** Replies with the typed failure of {@code failure}. */
  public static void fail(Message<?> message, Throwable failure) {
    AxException ax = AxException.from(failure);
    message.fail(ax.code().number(), ax.getMessage());
  }
}
