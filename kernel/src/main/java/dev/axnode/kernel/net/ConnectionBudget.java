package dev.axnode.kernel.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admission control for one listener: how many connections it holds in total and per remote
 * IP, and how many of them are still pending (accepted, not yet secured) in total and per IP.
 *
 * <p>A pending connection has proved nothing yet, so pending slots are never a reason to turn
 * a newcomer away: when a pending limit is reached, the oldest pending connection (of the
 * same IP, or of the IP holding the most pending slots) is evicted for the newcomer. Idle
 * sockets that never finish a handshake therefore cannot lock anybody out: a client that
 * completes its handshake within milliseconds always gets through. Secured connections are
 * never evicted; beyond the connection limits a newcomer is refused.
 *
 * <p>The caller closes what {@link Admitted#evict()} lists (they have already left the
 * budget) and reports {@link #secured} and {@link #closed} (idempotent). Not thread-safe:
 * use it from the listener's event loop.
 *
 * @param <C> the listener's connection type (identity semantics)
 */
public final class ConnectionBudget<C> {

  /** The limits of one listener; every value at least 1. */
  public record Limits(int maxConnections, int maxConnectionsPerIp, int maxPending, int maxPendingPerIp) {
    public Limits {
      if (maxConnections < 1 || maxConnectionsPerIp < 1 || maxPending < 1 || maxPendingPerIp < 1) {
        throw new IllegalArgumentException("connection limits must be at least 1: " + this);
      }
    }
  }

  /** The answer to {@link #admit}. */
  public sealed interface Admission<C> permits Admitted, Refused {
  }

  /** Admitted; the caller closes {@code evict}, pending connections that made room. */
  public record Admitted<C>(List<C> evict) implements Admission<C> {
  }

  /** Refused: {@code reason} says which limit, for the log and the error. */
  public record Refused<C>(String reason) implements Admission<C> {
  }

  private final Limits limits;
  private final Map<C, String> ipOf = new HashMap<>();
  /** Pending connections, oldest first. */
  private final LinkedHashMap<C, String> pending = new LinkedHashMap<>();
  private final Map<String, Integer> perIp = new HashMap<>();
  private final Map<String, Integer> pendingPerIp = new HashMap<>();

  public ConnectionBudget(Limits limits) {
    this.limits = limits;
  }

  public Limits limits() {
    return limits;
  }

  /** Admits {@code connection} from {@code ip} as pending, evicting older pending ones if needed, or refuses it. */
  public Admission<C> admit(C connection, String ip) {
    List<C> evict = new ArrayList<>();
    if (ipOf.size() >= limits.maxConnections() && !evictOldest(busiestPendingIp(), evict)) {
      return new Refused<>("too many connections (" + limits.maxConnections() + ")");
    }
    if (count(perIp, ip) >= limits.maxConnectionsPerIp() && !evictOldest(ip, evict)) {
      return new Refused<>("too many connections from " + ip + " (" + limits.maxConnectionsPerIp() + ")");
    }
    if (count(pendingPerIp, ip) >= limits.maxPendingPerIp()) {
      evictOldest(ip, evict);
    }
    if (pending.size() >= limits.maxPending()) {
      evictOldest(busiestPendingIp(), evict);
    }
    ipOf.put(connection, ip);
    pending.put(connection, ip);
    perIp.merge(ip, 1, Integer::sum);
    pendingPerIp.merge(ip, 1, Integer::sum);
    return new Admitted<>(List.copyOf(evict));
  }

  /** The connection finished its handshake: it no longer holds a pending slot. */
  public void secured(C connection) {
    String ip = pending.remove(connection);
    if (ip != null) {
      decrement(pendingPerIp, ip);
    }
  }

  /** The connection is gone; unknown or already closed connections are ignored. */
  public void closed(C connection) {
    secured(connection);
    String ip = ipOf.remove(connection);
    if (ip != null) {
      decrement(perIp, ip);
    }
  }

  public int connections() {
    return ipOf.size();
  }

  public int pending() {
    return pending.size();
  }

  public int connectionsFrom(String ip) {
    return count(perIp, ip);
  }

  private boolean evictOldest(String ip, List<C> evict) {
    if (ip == null) {
      return false;
    }
    C oldest = null;
    for (Map.Entry<C, String> entry : pending.entrySet()) {
      if (entry.getValue().equals(ip)) {
        oldest = entry.getKey();
        break;
      }
    }
    if (oldest == null) {
      return false;
    }
    closed(oldest);
    evict.add(oldest);
    return true;
  }

  private String busiestPendingIp() {
    String busiest = null;
    int most = 0;
    for (Map.Entry<String, Integer> entry : pendingPerIp.entrySet()) {
      if (entry.getValue() > most) {
        most = entry.getValue();
        busiest = entry.getKey();
      }
    }
    return busiest;
  }

  private static int count(Map<String, Integer> counts, String ip) {
    return counts.getOrDefault(ip, 0);
  }

  private static void decrement(Map<String, Integer> counts, String ip) {
    counts.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1);
  }
}
