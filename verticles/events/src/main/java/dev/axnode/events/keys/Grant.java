package dev.axnode.events.keys;

import dev.axnode.events.model.StoredEvent;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * A parsed {@code ax.keys} event: payload {@code {"semantics","keyEpoch","recipient","keyId","sealed"}},
 * name = semantics. {@code keyId} names the key inside the sealed box (the keystore refuses to
 * accept a box holding another key), so grants of one epoch can be compared without opening them.
 */
record Grant(String source, long lamport, long offset, String semantics, int keyEpoch, String recipient,
             String keyId, String sealed) {

  /** The total order every node computes alike: lamport, then source, then the source's offset. */
  static final Comparator<Grant> ORDER = Comparator.comparingLong(Grant::lamport)
      .thenComparing(Grant::source).thenComparingLong(Grant::offset);

  static Grant parse(StoredEvent event) {
    if (event.encrypted()) {
      return null;
    }
    try {
      JsonObject payload = new JsonObject(new String(event.payload(), StandardCharsets.UTF_8));
      String semantics = payload.getString("semantics");
      Integer epoch = payload.getInteger("keyEpoch");
      String recipient = payload.getString("recipient");
      String keyId = payload.getString("keyId");
      String sealed = payload.getString("sealed");
      if (semantics == null || !semantics.equals(event.name()) || epoch == null || epoch < 1
          || recipient == null || keyId == null || sealed == null) {
        return null;
      }
      return new Grant(event.source(), event.lamport(), event.offset(), semantics, epoch, recipient, keyId, sealed);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The publish-request event that carries a grant made by this node. */
  static JsonObject event(String semantics, int keyEpoch, String recipient, String keyId, String sealed) {
    return new JsonObject().put("semantics", PayloadKeys.GRANT_SEMANTICS).put("name", semantics)
        .put("payload", new JsonObject().put("semantics", semantics).put("keyEpoch", keyEpoch)
            .put("recipient", recipient).put("keyId", keyId).put("sealed", sealed));
  }

  /** Names the grant in a log line; never the sealed key. */
  String describe() {
    return "grant of " + semantics + " epoch " + keyEpoch + " from " + source + " (lamport " + lamport + ") to " + recipient;
  }
}
