package dev.axnode.events.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

  /** {@code grants}: every grant of one family, in {@link Grant#ORDER}. */
  static GrantAuthority of(Collection<Grant> grants) {
    if (grants.isEmpty()) {
      return NONE;
    }
    String creator = null;
    List<Grant> rivals = new ArrayList<>();
    for (Grant grant : grants) {
      if (grant.keyEpoch() == 1 && creator == null) {
        creator = grant.source();
      } else if (grant.keyEpoch() == 1 && !grant.source().equals(creator)) {
        rivals.add(grant);
      }
    }
    NavigableMap<Integer, Epoch> epochs = new TreeMap<>();
    Set<String> previous = creator == null ? Set.of() : Set.of(creator);
    for (int epoch = 1; ; epoch++) {
      Grant winner = first(grants, epoch, previous);
      if (winner == null) {
        break;
      }
      Epoch won = holders(grants, winner);
      epochs.put(epoch, won);
      for (Grant grant : grants) {
        if (epoch > 1 && grant.keyEpoch() == epoch && previous.contains(grant.source())
            && !grant.keyId().equals(won.keyId())) {
          rivals.add(grant);
        }
      }
      previous = won.holders();
    }
    return new GrantAuthority(creator, Collections.unmodifiableNavigableMap(epochs), List.copyOf(rivals));
  }

  /** The first grant of {@code epoch} whose source may start it: the creator for 1, a holder of epoch − 1 after. */
  private static Grant first(Collection<Grant> grants, int epoch, Set<String> mayStart) {
    for (Grant grant : grants) {
      if (grant.keyEpoch() == epoch && mayStart.contains(grant.source())) {
        return grant;
      }
    }
    return null;
  }

  /**
   * The holders of the winner's epoch: its source, then whoever a holder granted the same key
   * to, until no grant adds one (grants may name their source's own grant later in the order).
   */
  private static Epoch holders(Collection<Grant> grants, Grant winner) {
    Set<String> holders = new LinkedHashSet<>();
    holders.add(winner.source());
    List<Grant> authorized = new ArrayList<>();
    Set<Grant> taken = new LinkedHashSet<>();
    boolean grown = true;
    while (grown) {
      grown = false;
      for (Grant grant : grants) {
        if (grant.keyEpoch() == winner.keyEpoch() && grant.keyId().equals(winner.keyId())
            && holders.contains(grant.source()) && taken.add(grant)) {
          authorized.add(grant);
          grown |= holders.add(grant.recipient());
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
