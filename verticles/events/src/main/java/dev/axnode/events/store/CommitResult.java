package dev.axnode.events.store;

import dev.axnode.events.model.EventBlock;

import java.util.List;

/** What one group commit stored, in store order, and the outcome of each replicated block. */
record CommitResult(List<EventBlock> stored, List<Outcome> outcomes) {

  /** A replicated block's fate: stored, already held, or refused with a reason. */
  record Outcome(Kind kind, String reason) {
    static final Outcome STORED = new Outcome(Kind.STORED, null);
    static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null);

    static Outcome refused(String reason) {
      return new Outcome(Kind.REFUSED, reason);
    }
  }

  enum Kind { STORED, DUPLICATE, REFUSED }
}
