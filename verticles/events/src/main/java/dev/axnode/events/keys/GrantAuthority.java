package dev.axnode.events.keys;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which grants of one family count, computed from all its grants seen so far (see
 * {@link GrantBook} for the rule). A pure function of the set of grants: every node that has
 * seen the same grants computes the same authority, whatever order they arrived in.
 *
 * @param creator the source of the first epoch-1 grant, null when none has been seen
 * @param epochs  the authorized epochs, 1 up to the newest with an unbroken chain
 * @param rivals  grants that lost: epoch 1 from another source than the creator, or an epoch
 *                from a holder of the previous one that is not the winning key
 */
record GrantAuthority(String creator, NavigableMap<Integer, Epoch> epochs, List<Grant> rivals) {

  static final GrantAuthority NONE = new GrantAuthority(null, Collections.emptyNavigableMap(), List.of());

  /**
   * One authorized epoch: the key that won it (by {@code keyId}), the node that made it, and
   * every node that holds it by an authorized grant, in the order they were granted.
   */
  record Epoch(String keyId, String origin, Set<String> holders, List<Grant> grants) {
  }

  /**
   * {@code grants}: every grant of one family, in {@link Grant#ORDER}. Linear in the number of
   * grants (each epoch looks only at its own), since it runs again for every grant that arrives.
   */
  static GrantAuthority of(Collection<Grant> grants) {
    if (grants.isEmpty()) {
      return NONE;
    }
    Map<Integer, List<Grant>> byEpoch = new HashMap<>();
    for (Grant grant : grants) {
      byEpoch.computeIfAbsent(grant.keyEpoch(), e -> new ArrayList<>()).add(grant);
    }
    if (!byEpoch.containsKey(1)) {
      return NONE;
    }
    String creator = byEpoch.get(1).get(0).source();
    List<Grant> rivals = new ArrayList<>();
    NavigableMap<Integer, Epoch> epochs = new TreeMap<>();
    Set<String> previous = Set.of(creator);
    for (int epoch = 1; byEpoch.containsKey(epoch); epoch++) {
      List<Grant> ofEpoch = byEpoch.get(epoch);
      Grant winner = first(ofEpoch, previous);
      if (winner == null) {
        break;
      }
      Epoch won = holders(ofEpoch, winner);
      epochs.put(epoch, won);
      for (Grant grant : ofEpoch) {
        boolean rivalCreator = epoch == 1 && !grant.source().equals(creator);
        boolean rivalRotation = epoch > 1 && previous.contains(grant.source()) && !grant.keyId().equals(won.keyId());
        if (rivalCreator || rivalRotation) {
          rivals.add(grant);
        }
      }
      previous = won.holders();
    }
    return new GrantAuthority(creator, Collections.unmodifiableNavigableMap(epochs), List.copyOf(rivals));
  }

  /** The first grant whose source may start the epoch: the creator for 1, a holder of the one before after. */
  private static Grant first(List<Grant> ofEpoch, Set<String> mayStart) {
    for (Grant grant : ofEpoch) {
      if (mayStart.contains(grant.source())) {
        return grant;
      }
    }
    return null;
  }

  /**
   * The holders of the winner's epoch: its source, then whoever a holder granted the same key
   * to, breadth first (a grant may come before, in the order, the grant that made its source a holder).
   */
  private static Epoch holders(List<Grant> ofEpoch, Grant winner) {
    Map<String, List<Grant>> bySource = new HashMap<>();
    for (Grant grant : ofEpoch) {
      if (grant.keyId().equals(winner.keyId())) {
        bySource.computeIfAbsent(grant.source(), s -> new ArrayList<>()).add(grant);
      }
    }
    Set<String> holders = new LinkedHashSet<>();
    List<Grant> authorized = new ArrayList<>();
    Deque<String> next = new ArrayDeque<>(List.of(winner.source()));
    holders.add(winner.source());
    while (!next.isEmpty()) {
      for (Grant grant : bySource.getOrDefault(next.poll(), List.of())) {
        authorized.add(grant);
        if (holders.add(grant.recipient())) {
          next.add(grant.recipient());
        }
      }
    }
    authorized.sort(Grant.ORDER);
    return new Epoch(winner.keyId(), winner.source(), Collections.unmodifiableSet(holders), List.copyOf(authorized));
  }

  /** The authorized grants of {@code epoch} that name {@code recipient}, in order. */
  List<Grant> grantsTo(int epoch, String recipient) {
    Epoch won = epochs.get(epoch);
    return won == null ? List.of() : won.grants().stream().filter(g -> g.recipient().equals(recipient)).toList();
  }
}
