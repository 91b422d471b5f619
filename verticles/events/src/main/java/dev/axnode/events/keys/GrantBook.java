package dev.axnode.events.keys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this node knows about stream keys without holding any: every grant seen, which of them
 * count, and which keys (by key ID) its keystore holds. Event-loop only.
 *
 * <p><b>Who may grant a stream key.</b> Grants of a family S are put in one total order that
 * every node computes alike: lamport, then source, then the source's offset.
 * <ul>
 *   <li>The creator of S is the source of the first epoch-1 grant in that order. Epoch-1 grants
 *       of any other source are ignored (logged once, naming the source).</li>
 *   <li>Epoch e is won by the first grant of e (in that order) whose source may start it: the
 *       creator for e = 1, a holder of e − 1 after. Its key ID is the key of e; a rival key for e
 *       from another holder of e − 1 (two concurrent rotations) loses and its grants are ignored.</li>
 *   <li>A grant of e is authorized when it carries the winning key of e and its source holds e:
 *       the winner's source holds it, and so does every recipient of an authorized grant.</li>
 * </ul>
 * The authority is recomputed from all grants of S after grants arrive (once per batch of
 * stored events; a replay of 5,000 grants at start is one computation), so a grant that
 * arrives before the grant that authorizes its source waits (unauthorized) and counts once that
 * grant is seen. A node asks its keystore to accept only authorized grants, seals only under an
 * epoch whose winning key its keystore holds, and reports only such epochs as its latest.
 * The order trusts each source's lamport, which the source signs but chooses: a node that
 * backdates an epoch-1 grant before the real creator's wins the family on every node alike.
 */
final class GrantBook {

  private final Map<String, TreeSet<Grant>> grants = new HashMap<>();
  private final Map<String, GrantAuthority> authority = new HashMap<>();
  /** Families with grants recorded since their authority was computed. */
  private final Set<String> stale = new HashSet<>();
  /** Per semantics, epoch → key ID of the key the keystore holds. */
  private final Map<String, TreeMap<Integer, String>> held = new TreeMap<>();

  /** Adds a grant; the family's authority is recomputed when next asked for. */
  void record(Grant grant) {
    if (grants.computeIfAbsent(grant.semantics(), s -> new TreeSet<>(Grant.ORDER)).add(grant)) {
      stale.add(grant.semantics());
    }
  }

  /** Which grants of {@code semantics} count, with every grant recorded so far. */
  GrantAuthority authority(String semantics) {
    if (stale.remove(semantics)) {
      authority.put(semantics, GrantAuthority.of(grants.get(semantics)));
    }
    return authority.getOrDefault(semantics, GrantAuthority.NONE);
  }

  /** The keystore holds {@code keyId} as {@code epoch} of {@code semantics}. */
  void hold(String semantics, int epoch, String keyId) {
    held.computeIfAbsent(semantics, s -> new TreeMap<>()).put(epoch, keyId);
  }

  /** The key ID the keystore holds for the epoch, null when none. */
  String heldKeyId(String semantics, int epoch) {
    TreeMap<Integer, String> epochs = held.get(semantics);
    return epochs == null ? null : epochs.get(epoch);
  }

  boolean holds(String semantics, int epoch) {
    return heldKeyId(semantics, epoch) != null;
  }

  /** Whether the keystore holds the winning key of an authorized epoch: only these are sealed under. */
  boolean usable(String semantics, int epoch) {
    GrantAuthority.Epoch won = authority(semantics).epochs().get(epoch);
    return won != null && won.keyId().equals(heldKeyId(semantics, epoch));
  }

  /** The usable epochs of {@code semantics}, ascending. */
  List<Integer> usableEpochs(String semantics) {
    List<Integer> epochs = new ArrayList<>();
    for (int epoch : authority(semantics).epochs().keySet()) {
      if (usable(semantics, epoch)) {
        epochs.add(epoch);
      }
    }
    return epochs;
  }

  /** The newest usable epoch, 0 when none. */
  int latestUsable(String semantics) {
    List<Integer> epochs = usableEpochs(semantics);
    return epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1);
  }

  boolean encrypted(String semantics) {
    return grants.containsKey(semantics) || held.containsKey(semantics);
  }

  /** The nodes that hold {@code epoch} by an authorized grant, in the order they were granted. */
  Set<String> holders(String semantics, int epoch) {
    GrantAuthority.Epoch won = authority(semantics).epochs().get(epoch);
    return won == null ? Set.of() : new LinkedHashSet<>(won.holders());
  }

  /** {@code [{"semantics","keyEpochs":[…],"latest":n}]}: the epochs the keystore holds, the newest usable one. */
  JsonArray describe() {
    JsonArray list = new JsonArray();
    held.forEach((semantics, epochs) -> list.add(new JsonObject().put("semantics", semantics)
        .put("keyEpochs", new JsonArray(new ArrayList<>(epochs.keySet())))
        .put("latest", latestUsable(semantics))));
    return list;
  }
}
