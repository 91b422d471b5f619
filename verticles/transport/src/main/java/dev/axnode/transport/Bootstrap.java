package dev.axnode.transport;

import dev.axnode.kernel.net.Multiaddr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps a connection to every node in {@code com.actyx.os/general/bootstrapNodes}: dials each
 * at start and whenever the setting changes, and redials a dropped or failed one with
 * exponential backoff (1 s doubling to 60 s, reset after a success).
 */
final class Bootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);
  static final long FIRST_DELAY_MS = 1_000;
  static final long MAX_DELAY_MS = 60_000;

  private final Vertx vertx;
  private final Function<Multiaddr, Future<String>> dial;
  private final Map<String, Target> targets = new HashMap<>();
  private boolean stopped;

  /** @param dial dials and completes with the connection id once secured */
  Bootstrap(Vertx vertx, Function<Multiaddr, Future<String>> dial) {
    this.vertx = vertx;
    this.dial = dial;
  }

  /** Applies the bootstrap list of a settings tree ({@code {"com.actyx.os": …}}). */
  void update(JsonObject settings) {
    JsonArray nodes = settings.getJsonObject("com.actyx.os", new JsonObject())
        .getJsonObject("general", new JsonObject()).getJsonArray("bootstrapNodes", new JsonArray());
    Set<String> wanted = new LinkedHashSet<>();
    nodes.forEach(n -> wanted.add(String.valueOf(n)));
    targets.keySet().removeIf(address -> {
      boolean gone = !wanted.contains(address);
      if (gone) {
        targets.get(address).cancel();
      }
      return gone;
    });
    for (String address : wanted) {
      if (!targets.containsKey(address)) {
        try {
          Target target = new Target(Multiaddr.parse(address));
          targets.put(address, target);
          target.dialNow();
        } catch (IllegalArgumentException e) {
          LOG.warn("ignoring bootstrap node {}: {}", address, e.getMessage());
        }
      }
    }
  }

  /** A connection closed: if it was a bootstrap connection, redial it after the backoff. */
  void connectionClosed(String connectionId) {
    targets.values().stream().filter(t -> connectionId.equals(t.connectionId)).forEach(Target::retryLater);
  }

  void stop() {
    stopped = true;
    targets.values().forEach(Target::cancel);
  }

  private final class Target {
    private final Multiaddr address;
    private long delay = FIRST_DELAY_MS;
    private long timer = -1;
    private String connectionId;
    private boolean cancelled;

    Target(Multiaddr address) {
      this.address = address;
    }

    void dialNow() {
      if (cancelled || stopped) {
        return;
      }
      dial.apply(address).onComplete(ar -> {
        if (ar.succeeded()) {
          connectionId = ar.result();
          delay = FIRST_DELAY_MS;
          LOG.info("connected to bootstrap node {}", address);
        } else {
          LOG.info("bootstrap node {} not reachable ({}); retrying in {} s", address, ar.cause().getMessage(),
              delay / 1000);
          retryLater();
        }
      });
    }

    void retryLater() {
      connectionId = null;
      if (cancelled || stopped) {
        return;
      }
      long wait = delay;
      delay = Math.min(MAX_DELAY_MS, delay * 2);
      timer = vertx.setTimer(wait, id -> dialNow());
    }

    void cancel() {
      cancelled = true;
      vertx.cancelTimer(timer);
    }
  }
}
