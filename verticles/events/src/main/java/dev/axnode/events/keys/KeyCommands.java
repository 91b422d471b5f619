package dev.axnode.events.keys;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code create|grant|rotate} commands of {@code ax.events.keys}: the keystore makes and
 * seals the keys; the grants are published as {@code ax.keys} events so they replicate. One
 * instance per request.
 */
final class KeyCommands {

  private final Vertx vertx;
  private final String self;
  private final GrantBook book;
  private final Function<JsonArray, Future<JsonObject>> publish;

  KeyCommands(Vertx vertx, String self, GrantBook book, Function<JsonArray, Future<JsonObject>> publish) {
    this.vertx = vertx;
    this.self = self;
    this.book = book;
    this.publish = publish;
  }

  /**
   * A new family key, epoch 1, granted to this node itself so every node learns the family is
   * encrypted and who created it. Idempotent for the creator: when this node holds an epoch 1
   * whose self-grant has not been seen (its publish failed), the grant is published again; when
   * the family is already its own, the newest epoch is answered. A family another node created
   * is refused naming that node.
   */
  Future<JsonObject> create(String semantics) {
    String creator = book.authority(semantics).creator();
    if (creator != null && !creator.equals(self)) {
      return Future.failedFuture(new AxException(ErrorCode.FILE_EXISTS, "Semantics \"" + semantics
          + "\" is a family created by " + creator + "; ask a node that holds its key for a grant"));
    }
    if (creator != null && book.latestUsable(semantics) > 0) {
      return Future.succeededFuture(answer(semantics, book.latestUsable(semantics)));
    }
    Future<Void> key = book.holds(semantics, 1) ? Future.succeededFuture()
        : keystore(new JsonObject().put("op", "create").put("semantics", semantics))
            .map(created -> {
              book.hold(semantics, 1, created.getString("keyId"));
              return null;
            });
    return key.compose(v -> publishGrants(semantics, List.of(1), List.of(self)))
        .map(v -> answer(semantics, 1));
  }

  private static JsonObject answer(String semantics, int epoch) {
    return new JsonObject().put("semantics", semantics).put("keyEpoch", epoch);
  }

  /** Seals every authorized epoch this node holds of {@code semantics} to {@code nodeId}. */
  Future<JsonObject> grant(String semantics, String nodeId) {
    List<Integer> epochs = book.usableEpochs(semantics);
    if (epochs.isEmpty()) {
      return Future.failedFuture(noKey(semantics));
    }
    return publishGrants(semantics, epochs, List.of(nodeId))
        .map(v -> new JsonObject().put("semantics", semantics).put("nodeId", nodeId)
            .put("keyEpochs", new JsonArray(new ArrayList<>(epochs))));
  }

  /**
   * A new epoch, granted to every node a grant of the previous epoch named and to this node,
   * except {@code revoked}: they keep what they could read, but nothing sealed after this.
   */
  Future<JsonObject> rotate(String semantics, Set<String> revoked) {
    int previous = book.latestUsable(semantics);
    if (previous == 0) {
      return Future.failedFuture(noKey(semantics));
    }
    int newest = book.authority(semantics).epochs().lastKey();
    if (newest > previous) {
      return Future.failedFuture(new AxException(ErrorCode.EVENTS_NO_KEY, "Semantics \"" + semantics + "\" is at epoch "
          + newest + ", which this node was not granted (revoked?); only a holder of it can rotate"));
    }
    Set<String> holders = new LinkedHashSet<>();
    holders.add(self);
    holders.addAll(book.holders(semantics, previous));
    holders.removeAll(revoked);
    return keystore(new JsonObject().put("op", "rotate").put("semantics", semantics).put("keyEpoch", previous + 1))
        .compose(rotated -> {
          int epoch = rotated.getInteger("keyEpoch");
          book.hold(semantics, epoch, rotated.getString("keyId"));
          return publishGrants(semantics, List.of(epoch), List.copyOf(holders)).map(epoch);
        })
        .map(epoch -> new JsonObject().put("semantics", semantics).put("keyEpoch", epoch)
            .put("grantedTo", new JsonArray(new ArrayList<>(holders)))
            .put("revoked", new JsonArray(new ArrayList<>(revoked))));
  }

  /** Seals each epoch to each recipient, then publishes all grants as one batch. */
  private Future<JsonObject> publishGrants(String semantics, List<Integer> epochs, List<String> recipients) {
    List<Future<JsonObject>> grants = new ArrayList<>();
    for (String recipient : recipients) {
      for (int epoch : epochs) {
        grants.add(keystore(new JsonObject().put("op", "seal").put("semantics", semantics)
                .put("keyEpoch", epoch).put("recipient", recipient))
            .map(sealed -> Grant.event(semantics, epoch, recipient, sealed.getString("keyId"),
                sealed.getString("sealed"))));
      }
    }
    return Future.all(grants).compose(all -> publish.apply(new JsonArray(all.list())));
  }

  private Future<JsonObject> keystore(JsonObject request) {
    return BusRequests.request(vertx, Addresses.KEYSTORE_STREAMKEYS, request);
  }

  static String semantics(JsonObject request) {
    Object value = request.getValue("semantics");
    if (!(value instanceof String semantics) || semantics.isEmpty()) {
      throw new AxException(ErrorCode.INVALID_INPUT, "\"semantics\" must be a non-empty string");
    }
    if (semantics.startsWith("ax.")) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Semantics starting \"ax.\" are the node's own and cannot be encrypted");
    }
    return semantics;
  }

  static String nodeId(Object value) {
    if (value instanceof String text) {
      try {
        return NodeId.parse(text).toString();
      } catch (IllegalArgumentException e) {
        // one message below
      }
    }
    throw new AxException(ErrorCode.INVALID_INPUT, "\"nodeId\" must be a node ID (12D3KooW…), got " + value);
  }

  /** The node IDs of {@code "revoke"} (absent = none); this node cannot revoke itself. */
  static Set<String> revoked(JsonObject request, String self) {
    Object value = request.getValue("revoke");
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof JsonArray list)) {
      throw new AxException(ErrorCode.INVALID_INPUT, "\"revoke\" must be an array of node IDs");
    }
    Set<String> revoked = new LinkedHashSet<>();
    for (Object id : list) {
      revoked.add(nodeId(id));
    }
    if (revoked.contains(self)) {
      throw new AxException(ErrorCode.INVALID_INPUT, "A node cannot revoke its own key; rotate without it");
    }
    return revoked;
  }

  private static AxException noKey(String semantics) {
    return new AxException(ErrorCode.EVENTS_NO_KEY, "This node holds no stream key of semantics \"" + semantics + "\"");
  }
}
