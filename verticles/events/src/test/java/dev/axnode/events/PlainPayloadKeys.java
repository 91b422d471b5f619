package dev.axnode.events;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Stream keys for benches that measure the store without a keystore: no family is encrypted,
 * so every event is published plain; sealed events replicated from others stay sealed (shown
 * with the marker); key management answers ERR_EVENTS_NO_KEY.
 */
public final class PlainPayloadKeys implements PayloadKeys {

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public boolean encrypted(String semantics) {
    return false;
  }

  @Override
  public int latestEpoch(String semantics) {
    return 0;
  }

  @Override
  public Future<List<byte[]>> seal(String semantics, int epoch, List<byte[]> aads, List<byte[]> plaintexts) {
    return Future.failedFuture(unavailable());
  }

  @Override
  public Future<List<byte[]>> open(List<StoredEvent> events) {
    return Future.succeededFuture(new ArrayList<>(Collections.nCopies(events.size(), (byte[]) null)));
  }

  @Override
  public void observe(StoredEvent event) {
    // No keys: grants of others are stored and relayed, nothing to accept.
  }

  @Override
  public Future<JsonObject> handle(JsonObject request, Function<JsonArray, Future<JsonObject>> publish) {
    return Future.failedFuture(unavailable());
  }

  private static AxException unavailable() {
    return new AxException(ErrorCode.EVENTS_NO_KEY, "stream keys are not available");
  }
}
