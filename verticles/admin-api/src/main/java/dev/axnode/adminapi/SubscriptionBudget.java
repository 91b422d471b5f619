package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;

import java.util.HashMap;
import java.util.Map;

/**
 * Bounds the event streams ({@code events.query} and {@code events.subscribe}) open at
 * once, per client connection and per remote IP, across all three listeners: each holds a
 * page of events and, for a subscription, a consumer of every append. Config
 * {@code maxEventStreamsPerConnection}, {@code maxEventStreamsPerIp}. Confined to the
 * admin-api verticle's event loop.
 */
final class SubscriptionBudget {

  static final int DEFAULT_PER_CONNECTION = 8;
  static final int DEFAULT_PER_IP = 32;
  /** HTTP status of a refusal: try again later. */
  static final int STATUS_BUSY = 429;
  static final String BUSY = "Too many event queries and subscriptions open at once";

  private final int perConnection;
  private final int perIp;
  private final Map<Object, Integer> byConnection = new HashMap<>();
  private final Map<String, Integer> byIp = new HashMap<>();

  SubscriptionBudget(int perConnection, int perIp) {
    this.perConnection = perConnection;
    this.perIp = perIp;
  }

  /**
   * Takes one stream's slot for {@code connection} (any object identifying it) from {@code ip};
   * returns its release (idempotent), or throws ERR_INVALID_INPUT saying which limit is full.
   */
  Runnable acquire(Object connection, String ip) {
    if (byConnection.getOrDefault(connection, 0) >= perConnection) {
      throw busy(perConnection + " per connection");
    }
    if (byIp.getOrDefault(ip, 0) >= perIp) {
      throw busy(perIp + " per client address " + ip);
    }
    byConnection.merge(connection, 1, Integer::sum);
    byIp.merge(ip, 1, Integer::sum);
    boolean[] released = {false};
    return () -> {
      if (!released[0]) {
        released[0] = true;
        byConnection.computeIfPresent(connection, (k, n) -> n <= 1 ? null : n - 1);
        byIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
      }
    };
  }

  /** The HTTP status of a refusal of {@link #acquire} or of the params: 429 for a full budget. */
  static int httpStatus(AxException error) {
    return error.getMessage() != null && error.getMessage().startsWith(BUSY) ? STATUS_BUSY : error.code().httpStatus();
  }

  private static AxException busy(String limit) {
    return new AxException(ErrorCode.INVALID_INPUT, BUSY + " (at most "
        + limit + "); end one before starting another");
  }
}
