package dev.axnode.securechannel.protocols;

/**
 * Schedules a negotiation timeout on the session's thread, e.g. with Vert.x:
 * <pre>{@code
 * (millis, task) -> {
 *   long id = vertx.setTimer(millis, t -> task.run());
 *   return () -> vertx.cancelTimer(id);
 * }
 * }</pre>
 * The task must run on the same thread (context) that drives the yamux session.
 */
@FunctionalInterface
public interface NegotiationTimer {

  /** Runs {@code task} after {@code delayMillis} unless the returned canceller runs first. */
  Runnable schedule(long delayMillis, Runnable task);
}
