package dev.axnode.events.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One event as stored and replicated: its place in its source's stream, and its payload as
 * the source wrote it — UTF-8 JSON text when {@code keyEpoch} is 0, otherwise the sealed
 * payload ({@code nonce ‖ ciphertext ‖ tag}) under that epoch's key of the semantics.
 *
 * <p>{@code source} is the publishing node's ID ({@code 12D3KooW…}); {@code offset} counts from
 * 0 per source with no gaps (ActyxOS v1's model: an offset map {@code {source: offset}} names a
 * point in every stream of that source); {@code timestamp} is microseconds since the epoch.
 * The payload array is never changed after construction.
 */
public record StoredEvent(String source, long offset, long lamport, long timestamp,
                          String semantics, String name, int keyEpoch, byte[] payload) {

  public StoredEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(semantics, "semantics");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payload, "payload");
  }

  /** Whether the payload is sealed under a stream key. */
  public boolean encrypted() {
    return keyEpoch != 0;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredEvent e && e.offset == offset && e.lamport == lamport
        && e.timestamp == timestamp && e.keyEpoch == keyEpoch && e.source.equals(source)
        && e.semantics.equals(semantics) && e.name.equals(name) && Arrays.equals(e.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, offset, lamport, semantics, name) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "StoredEvent[" + source + "@" + offset + " " + semantics + "/" + name + " lamport " + lamport
        + (encrypted() ? " sealed epoch " + keyEpoch : "") + ", " + payload.length + " bytes]";
  }
}
