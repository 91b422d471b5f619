package dev.axnode.settings;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.lifecycle.InFlight;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.SettingsSchemaRequest;
import dev.axnode.kernel.message.SettingsSet;
import dev.axnode.kernel.message.SettingsUnset;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Serves the node's settings on the event bus: get, set, unset, schema and scopes, and
 * publishes {@link SettingsChanged} after every persisted change.
 *
 * <p>Config: {@code dataDir}, the absolute path of the data directory, which holds
 * {@code settings.json}. Several instances may run side by side (a swap); they share the
 * stored tree and serialize their writes through {@link SharedSettings}.
 */
public final class SettingsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SettingsVerticle.class);

  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private final InFlight inFlight = new InFlight();
  private SettingsModel model;
  private SettingsFile file;
  private SharedSettings shared;

  public SettingsVerticle() {
  }

  @Override
  public Future<?> start() {
    String dataDir = config().getString("dataDir");
    if (dataDir == null || dataDir.isBlank()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "The settings verticle needs the data directory in its config as \"dataDir\""));
    }
    file = SettingsFile.in(Path.of(dataDir));
    shared = new SharedSettings(vertx, file);
    return vertx.executeBlocking(SettingsModel::bundled)
        .compose(loaded -> {
          model = loaded;
          // Under the write lock: an instance already serving cannot write while this one reads.
          return shared.exclusively(() -> vertx.executeBlocking(() -> SettingsLoader.load(file, model, new SecureRandom()))
              .map(tree -> {
                shared.replace(tree);
                return tree;
              }));
        })
        .compose(tree -> registerConsumers());
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> unregistered = new ArrayList<>();
    consumers.forEach(consumer -> unregistered.add(consumer.unregister()));
    consumers.clear();
    return Future.join(unregistered).transform(ar -> inFlight.drained());
  }

  private Future<?> registerConsumers() {
    consume(Addresses.SETTINGS_GET, SettingsGet.class, this::get);
    consume(Addresses.SETTINGS_SET, SettingsSet.class, this::set);
    consume(Addresses.SETTINGS_UNSET, SettingsUnset.class, this::unset);
    consume(Addresses.SETTINGS_SCHEMA, SettingsSchemaRequest.class,
        request -> Future.succeededFuture(new JsonValue(model.schema(Scope.parse(request.scope())))));
    consume(Addresses.SETTINGS_SCOPES, Object.class,
        ignored -> Future.succeededFuture(new JsonValue(SettingsModel.scopeNames())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  private Future<JsonValue> get(SettingsGet request) {
    Scope scope = SettingsModel.known(Scope.parse(request.scope()));
    return Future.succeededFuture(new JsonValue(model.get(shared.current(), scope, request.noDefaults())));
  }

  private Future<JsonValue> set(SettingsSet request) {
    Scope scope = SettingsModel.known(Scope.parse(request.scope()));
    Object value = JsonTypes.canonical(request.value());
    return write(scope, stored -> model.set(stored, scope, value))
        .map(tree -> new JsonValue(model.withDefaults(tree).getJsonObject(SettingsModel.OS)));
  }

  private Future<JsonValue> unset(SettingsUnset request) {
    Scope scope = SettingsModel.known(Scope.parse(request.scope()));
    return write(scope, stored -> model.unset(stored, scope)).map(tree -> new JsonValue(null));
  }

  /** Edits the shared tree under the write lock, persists it, makes it current and announces it. */
  private Future<JsonObject> write(Scope scope, UnaryOperator<JsonObject> edit) {
    return shared.exclusively(() -> {
      JsonObject next = edit.apply(shared.current());
      return vertx.executeBlocking(() -> {
        file.write(next);
        return next;
      }).map(persisted -> {
        shared.replace(persisted);
        vertx.eventBus().publish(Addresses.SETTINGS_CHANGED,
            new SettingsChanged(scope.toString(), model.withDefaults(persisted)));
        return persisted;
      });
    });
  }

  private <T> void consume(String address, Class<T> type, Function<T, Future<?>> operation) {
    consumers.add(vertx.eventBus().consumer(address, message -> handle(address, type, operation, message)));
  }

  private <T> void handle(String address, Class<T> type, Function<T, Future<?>> operation, Message<Object> message) {
    Future<?> result;
    Object body = message.body();
    if (type != Object.class && !type.isInstance(body)) {
      result = Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Expected a " + type.getSimpleName()
          + " on " + address + ", got " + (body == null ? "nothing" : body.getClass().getSimpleName())));
    } else {
      try {
        result = operation.apply(type.cast(body));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
    }
    inFlight.track(result).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        if (!(ar.cause() instanceof AxException)) {
          LOG.warn("settings request on {} failed unexpectedly", address, ar.cause());
        }
        BusRequests.fail(message, ar.cause());
      }
    });
  }
}
