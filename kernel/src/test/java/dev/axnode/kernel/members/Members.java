package dev.axnode.kernel.members;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for what a cluster does eventually, each with a deadline. */
final class Members {

  private Members() {
  }

  /** Waits until {@code vertx} can reach a consumer at {@code address} (registrations spread through Hazelcast). */
  static void awaitConsumer(Vertx vertx, String address) throws Exception {
    awaitTrue(() -> {
      try {
        vertx.eventBus().request(address, "ping", new DeliveryOptions().setSendTimeout(1000))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
          return false;
        }
        return true; // a consumer answered, even if it did not like "ping"
      } catch (Exception e) {
        return false;
      }
    }, 30_000, "a consumer at " + address);
  }

  /** Polls {@code condition} every 50 ms until it holds or {@code timeoutMs} passed. */
  static void awaitTrue(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }
}
