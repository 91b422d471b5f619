package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.PayloadSeal;
import dev.axnode.kernel.message.PayloadsSealed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.axnode.keystore.StreamKeyRequests.base64;
import static dev.axnode.keystore.StreamKeyRequests.body;
import static dev.axnode.keystore.StreamKeyRequests.epoch;
import static dev.axnode.keystore.StreamKeyRequests.items;
import static dev.axnode.keystore.StreamKeyRequests.semantics;

/**
 * Serves {@code ax.keystore.payloads.seal|open}: AES-256-GCM of event payloads under the
 * stream keys, which never leave this verticle. Small batches run on the event loop (a
 * hundred 100-byte payloads take tens of microseconds); large ones go to a worker.
 */
final class PayloadService {

  /** Above this many payload bytes in one request the work moves off the event loop. */
  static final int INLINE_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final Supplier<StreamKeys> keys;
  private final SecureRandom random;
  /** The cipher of the batches worked on the event loop; a worker's batch is large enough to get its own. */
  private final PayloadCipher inline;

  PayloadService(Vertx vertx, Supplier<StreamKeys> keys, SecureRandom random) {
    this.vertx = vertx;
    this.keys = keys;
    this.random = random;
    this.inline = new PayloadCipher(random);
  }

  /**
   * A {@link PayloadSeal} → {@link PayloadsSealed}; or its JSON form
   * {@code {"semantics","keyEpoch","items":[{"aad","plaintext"}]}} → {@code {"items":[sealed]}}.
   */
  void seal(Message<Object> message) {
    try {
      boolean typed = message.body() instanceof PayloadSeal;
      PayloadSeal request = typed ? (PayloadSeal) message.body() : fromJson(body(message.body()));
      byte[] key = keys.get().key(request.semantics(), request.keyEpoch());
      if (key == null) {
        throw StreamKeyRequests.noKey(request.semantics(), request.keyEpoch());
      }
      run(size(request.plaintexts()), cipher -> new PayloadsSealed(cipher.sealAll(key, request.aads(),
          request.plaintexts()))).onComplete(ar -> {
        if (ar.failed()) {
          BusRequests.fail(message, ar.cause());
        } else {
          message.reply(typed ? ar.result() : ar.result().toJson());
        }
      });
    } catch (AxException e) {
      BusRequests.fail(message, e);
    }
  }

  private static PayloadSeal fromJson(JsonObject request) {
    String semantics = semantics(request);
    int epoch = epoch(request);
    List<byte[]> aads = new ArrayList<>();
    List<byte[]> plaintexts = new ArrayList<>();
    for (Object item : items(request)) {
      aads.add(base64((JsonObject) item, "aad"));
      plaintexts.add(base64((JsonObject) item, "plaintext"));
    }
    return new PayloadSeal(semantics, epoch, aads, plaintexts);
  }

  /** {@code {"items":[{"semantics","keyEpoch","aad","sealed"}]}} → {@code {"items":[plaintext|null]}}. */
  void open(Message<Object> message) {
    try {
      StreamKeys held = keys.get();
      List<byte[]> itemKeys = new ArrayList<>();
      List<byte[]> aads = new ArrayList<>();
      List<byte[]> sealed = new ArrayList<>();
      for (Object entry : items(body(message.body()))) {
        JsonObject item = (JsonObject) entry;
        itemKeys.add(held.key(semantics(item), epoch(item)));
        aads.add(base64(item, "aad"));
        sealed.add(base64(item, "sealed"));
      }
      run(size(sealed), cipher -> {
        JsonArray out = new JsonArray();
        for (int i = 0; i < sealed.size(); i++) {
          byte[] key = itemKeys.get(i);
          byte[] plain = key == null ? null : cipher.open(key, aads.get(i), sealed.get(i));
          out.add(plain == null ? null : Base64.getEncoder().encodeToString(plain));
        }
        return new JsonObject().put("items", out);
      }).onComplete(ar -> reply(message, ar.result(), ar.cause()));
    } catch (AxException e) {
      BusRequests.fail(message, e);
    }
  }

  private <T> Future<T> run(long bytes, Function<PayloadCipher, T> work) {
    if (bytes <= INLINE_BYTES) {
      try {
        return Future.succeededFuture(work.apply(inline));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(() -> work.apply(new PayloadCipher(random)), false);
  }

  private static long size(List<byte[]> items) {
    return items.stream().mapToLong(item -> item.length).sum();
  }

  private static void reply(Message<Object> message, JsonObject result, Throwable failure) {
    if (failure != null) {
      BusRequests.fail(message, failure);
    } else {
      message.reply(result);
    }
  }
}
