package dev.axnode.psk;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.sodium.Sodium;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pnet layer of every swarm connection, keyed by {@code com.actyx.os/general/swarmKey}.
 * A changed key applies to new connections and closes the existing ones, so nobody stays
 * connected on a revoked key. A swap drains: the old instance takes no new connections and
 * keeps its own until they close, for at most {@code drainTimeoutMs}; then it ends what is left.
 */
public final class PskVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PskVerticle.class);
  private static final String SWARM_KEY = "com.actyx.os/general/swarmKey";
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

  private final SecureRandom random = new SecureRandom();
  private final Map<String, PskConnection> connections = new LinkedHashMap<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private SwarmKey key;
  private long drainTimeoutMs;
  private Promise<Void> drained;

  @Override
  public Future<?> start() {
    drainTimeoutMs = config().getLong("drainTimeoutMs", DEFAULT_DRAIN_TIMEOUT_MS);
    // Loading libsodium may unpack a native stub and open files: a worker's job.
    return vertx.executeBlocking(Sodium::load).compose(native_ -> {
      LOG.info("pnet cipher: {}", native_ ? "XSalsa20 on " + Sodium.describe()
          : "pure-Java XSalsa20 (" + Sodium.describe() + ")");
      return listen();
    });
  }

  private Future<Void> listen() {
    consumers.add(vertx.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, m -> keyChanged(m.body())));
    consumers.add(vertx.eventBus().<ConnectionOpen>consumer(Addresses.PSK_OPEN, this::open));
    consumers.add(vertx.eventBus().consumer(Addresses.PSK_STATS,
        m -> m.reply(new JsonValue(new JsonObject().put("connections", connections.size())))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(v -> BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(SWARM_KEY, false),
            BusRequests.START_TIMEOUT_MS))
        .<Void>map(value -> {
          key = SwarmKey.parse((String) value.value());
          return null;
        })
        .recover(this::noStoredKey);
  }

  private Future<Void> noStoredKey(Throwable failure) {
    if (AxException.from(failure).code() != ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE) {
      return Future.failedFuture(failure);
    }
    LOG.warn("no swarm key in settings: using a random one, so this node forms a private swarm of its own");
    key = SwarmKey.generate(random);
    return Future.succeededFuture();
  }

  private void open(Message<ConnectionOpen> message) {
    ConnectionOpen open = message.body();
    if (drained != null) {
      BusRequests.fail(message, new AxException(ErrorCode.NODE_UNREACHABLE, "the psk layer is stopping"));
      return;
    }
    PskConnection connection = new PskConnection(vertx, open, PnetCipher.create(key, random), () -> closed(open));
    connections.put(open.connectionId(), connection);
    connection.ready()
        .compose(v -> BusRequests.request(vertx, Addresses.HANDSHAKE_OPEN,
            new ConnectionOpen(open.connectionId(), open.outbound(), open.remoteAddress(), open.expectedPeer(),
                PskConnection.STAGE)))
        .onSuccess(v -> {
          connection.start();
          message.reply(null);
        })
        .onFailure(e -> {
          connection.abort("the handshake layer refused the connection: " + e.getMessage());
          BusRequests.fail(message, e);
        });
  }

  private void keyChanged(SettingsChanged change) {
    String text = change.settings().getJsonObject("com.actyx.os", new JsonObject())
        .getJsonObject("general", new JsonObject()).getString("swarmKey");
    if (text == null) {
      return;
    }
    SwarmKey changed;
    try {
      changed = SwarmKey.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn("ignoring an unreadable swarm key from settings: {}", e.getMessage());
      return;
    }
    if (!changed.equals(key)) {
      key = changed;
      LOG.info("swarm key changed: closing {} connection(s) made with the old key", connections.size());
      new ArrayList<>(connections.values()).forEach(c -> c.abort("swarm key changed"));
    }
  }

  private void closed(ConnectionOpen open) {
    connections.remove(open.connectionId());
    if (drained != null && connections.isEmpty()) {
      drained.tryComplete();
    }
  }

  @Override
  public Future<?> stop() {
    drained = Promise.promise();
    if (connections.isEmpty()) {
      drained.complete();
    }
    long deadline = vertx.setTimer(drainTimeoutMs, t -> abortRemaining());
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
        .compose(v -> drained.future())
        .andThen(ar -> vertx.cancelTimer(deadline));
  }

  /** The drain deadline passed: end what is left both ways (the transport closes the sockets). */
  private void abortRemaining() {
    if (!connections.isEmpty()) {
      LOG.info("drain deadline ({} ms) passed: closing {} remaining connection(s)", drainTimeoutMs, connections.size());
      new ArrayList<>(connections.values()).forEach(c -> c.abort("the node is stopping"));
    }
  }
}
