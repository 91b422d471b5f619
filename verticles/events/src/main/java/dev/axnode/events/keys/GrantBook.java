package dev.axnode.events.keys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node knows about stream keys without holding any: the epochs its keystore holds,
 * the families any grant has named (so publishing to them unencrypted is refused), and who
 * was granted which epoch (so a rotation re-grants every holder). Event-loop only.
 */
final class GrantBook {

  private final Map<String, NavigableSet<Integer>> held = new TreeMap<>();
  private final Set<String> encrypted = new HashSet<>();
  private final Map<String, Map<Integer, Set<String>>> recipients = new HashMap<>();

  void record(KeystorePayloadKeys.Grant grant) {
    encrypted.add(grant.semantics());
    recipients.computeIfAbsent(grant.semantics(), s -> new HashMap<>())
        .computeIfAbsent(grant.keyEpoch(), e -> new LinkedHashSet<>())
        .add(grant.recipient());
  }

  void hold(String semantics, int epoch) {
    held.computeIfAbsent(semantics, s -> new TreeSet<>()).add(epoch);
    encrypted.add(semantics);
  }

  boolean holds(String semantics, int epoch) {
    NavigableSet<Integer> epochs = held.get(semantics);
    return epochs != null && epochs.contains(epoch);
  }

  boolean encrypted(String semantics) {
    return encrypted.contains(semantics);
  }

  int latestHeld(String semantics) {
    NavigableSet<Integer> epochs = held.get(semantics);
    return epochs == null || epochs.isEmpty() ? 0 : epochs.last();
  }

  NavigableSet<Integer> heldEpochs(String semantics) {
    return new TreeSet<>(held.getOrDefault(semantics, new TreeSet<>()));
  }

  /** The nodes any grant of {@code epoch} of {@code semantics} named, in the order seen. */
  Set<String> recipients(String semantics, int epoch) {
    return new LinkedHashSet<>(recipients.getOrDefault(semantics, Map.of()).getOrDefault(epoch, Set.of()));
  }

  /** {@code [{"semantics","keyEpochs":[…],"latest":n}]} of the families this node holds keys of. */
  JsonArray describe() {
    JsonArray list = new JsonArray();
    held.forEach((semantics, epochs) -> list.add(new JsonObject().put("semantics", semantics)
        .put("keyEpochs", new JsonArray(epochs.stream().map(Object.class::cast).toList()))
        .put("latest", epochs.last())));
    return list;
  }
}
