package dev.axnode.handshake;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Connection setups per second against one peer, measured as js-libp2p's {@code bench-setups}
 * loop in {@code deploy/js-peer/peer.js} does, so the two compare:
 *
 * <pre>
 *   round:  dial a new connection ─▶ ping on a new stream ─▶ close ─▶ closed ─▶ next round
 *           └─────────── timed: medianMs, p90Ms ────────────┘
 *   perSecond = successful rounds / the whole run, closing included
 * </pre>
 *
 * Rounds run one after another until the time is up. A round fails when any step fails or
 * the dial and ping take longer than the round timeout ({@link #ROUND_TIMEOUT_MS}); a
 * connection that was dialed is closed in any case before the next round starts. More than
 * {@link #MAX_FAILURES} failures, and more than one per ten successes, end the run with
 * {@link ErrorCode#NODE_UNREACHABLE}, as in js-libp2p's loop. Single-threaded: run it on one
 * context.
 *
 * @param <C> the connection handle the steps pass along
 */
final class SetupBenchmark<C> {

  static final long ROUND_TIMEOUT_MS = 10_000;
  static final int MAX_FAILURES = 10;

  /** What one round does; the close completes only once the connection is gone. */
  interface Steps<C> {
    Future<C> dial();

    Future<Void> ping(C connection);

    Future<Void> close(C connection);
  }

  private final Vertx vertx;
  private final Steps<C> steps;
  private final long durationNanos;
  private final long roundTimeoutMs;
  private final List<Double> roundMillis = new ArrayList<>();
  private final Promise<JsonObject> result = Promise.promise();
  private Context context;
  private long startNanos;
  private int failures;
  private String lastError;
  private boolean stopped;

  SetupBenchmark(Vertx vertx, Steps<C> steps, Duration duration) {
    this(vertx, steps, duration, ROUND_TIMEOUT_MS);
  }

  SetupBenchmark(Vertx vertx, Steps<C> steps, Duration duration, long roundTimeoutMs) {
    this.vertx = vertx;
    this.steps = steps;
    this.durationNanos = duration.toNanos();
    this.roundTimeoutMs = roundTimeoutMs;
  }

  /**
   * Runs the rounds; completes with count, seconds, perSecond, medianMs, p90Ms, failures and
   * lastError, or fails when too many rounds failed.
   */
  Future<JsonObject> run() {
    context = vertx.getOrCreateContext();
    startNanos = System.nanoTime();
    round();
    return result.future();
  }

  /** Ends the run after the current round, with the figures so far (the verticle is stopping). */
  void stop() {
    stopped = true;
  }

  private void round() {
    if (stopped || System.nanoTime() - startNanos >= durationNanos) {
      result.complete(figures());
      return;
    }
    long began = System.nanoTime();
    Future<C> dialed = steps.dial();
    Future<Double> timed = bounded(dialed.compose(steps::ping)).map(v -> (System.nanoTime() - began) / 1e6);
    // Close whatever was dialed, even after a timeout: wait for a late dial rather than leak it.
    timed.transform(ar -> dialed.transform(dial -> dial.succeeded() ? steps.close(dial.result())
            : Future.<Void>succeededFuture()))
        .onComplete(closed -> {
          if (timed.succeeded() && closed.succeeded()) {
            roundMillis.add(timed.result());
          } else {
            failed(timed.failed() ? timed.cause() : closed.cause());
          }
          if (tooManyFailures()) {
            result.fail(new AxException(ErrorCode.NODE_UNREACHABLE, "too many failed setups (" + failures
                + ", " + roundMillis.size() + " succeeded), last: " + lastError));
          } else {
            context.runOnContext(v -> round());
          }
        });
  }

  private Future<Void> bounded(Future<Void> step) {
    Promise<Void> bounded = Promise.promise();
    long timer = vertx.setTimer(roundTimeoutMs,
        id -> bounded.tryFail("setup timed out after " + roundTimeoutMs + " ms"));
    step.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        bounded.tryComplete();
      } else {
        bounded.tryFail(ar.cause());
      }
    });
    return bounded.future();
  }

  private void failed(Throwable cause) {
    failures++;
    lastError = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** js-libp2p's rule: more than ten failures, and more than a tenth of the successes. */
  private boolean tooManyFailures() {
    return failures > MAX_FAILURES && failures * 10L > roundMillis.size();
  }

  /** The figures so far, for a client watching the run: rounds done, failures, seconds elapsed of all. */
  JsonObject progress() {
    double elapsed = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1e9;
    return new JsonObject().put("kind", "setups").put("elapsedSeconds", elapsed)
        .put("seconds", durationNanos / 1e9).put("count", roundMillis.size()).put("failures", failures);
  }

  private JsonObject figures() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<Double> sorted = new ArrayList<>(roundMillis);
    Collections.sort(sorted);
    int count = sorted.size();
    return new JsonObject().put("count", count).put("seconds", seconds)
        .put("perSecond", seconds > 0 ? count / seconds : 0.0)
        .put("medianMs", count == 0 ? null : sorted.get(count / 2))
        .put("p90Ms", count == 0 ? null : sorted.get((int) Math.floor(count * 0.9)))
        .put("failures", failures).put("lastError", lastError);
  }
}
