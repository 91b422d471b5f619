package dev.axnode.events.model;

import java.util.List;
import java.util.Objects;

/**
 * The unit a source signs, stores and replicates: the consecutive events
 * {@code first..last} of one source's stream and the source's Ed25519 signature over
 * {@link EventEncoding#blockDigest(String, List)} (purpose {@code EVENT_BLOCK}). A receiver
 * stores a block whole or not at all, after checking the signature with the source's key
 * (the node ID is the public key), so no peer can add, drop or change an event of a source.
 */
public record EventBlock(String source, long first, long last, byte[] signature, List<StoredEvent> events) {

  public EventBlock {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(signature, "signature");
    events = List.copyOf(events);
    if (events.isEmpty() || events.get(0).offset() != first || events.get(events.size() - 1).offset() != last
        || last - first + 1 != events.size()) {
      throw new IllegalArgumentException("a block holds the consecutive events " + first + ".." + last);
    }
  }

  /** The number of events. */
  public int size() {
    return events.size();
  }
}
