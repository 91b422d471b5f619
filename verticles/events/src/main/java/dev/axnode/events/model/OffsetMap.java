package dev.axnode.events.model;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * For each source, the highest offset held (inclusive; a source with no event is absent) —
 * the {@code {source: offset}} maps of the API. Immutable; {@link #merge} is the pointwise
 * maximum, so merging is commutative, associative and idempotent.
 */
public final class OffsetMap {

  public static final OffsetMap EMPTY = new OffsetMap(new TreeMap<>());

  private final TreeMap<String, Long> offsets;

  private OffsetMap(TreeMap<String, Long> offsets) {
    this.offsets = offsets;
  }

  /** The map of {@code offsets}; throws IllegalArgumentException for a negative offset. */
  public static OffsetMap of(Map<String, Long> offsets) {
    TreeMap<String, Long> copy = new TreeMap<>();
    offsets.forEach((source, offset) -> {
      if (offset == null || offset < 0) {
        throw new IllegalArgumentException("the offset of " + source + " is " + offset + ", not a number ≥ 0");
      }
      copy.put(source, offset);
    });
    return new OffsetMap(copy);
  }

  /** The highest offset of {@code source}, or -1 when none is held. */
  public long get(String source) {
    return offsets.getOrDefault(source, -1L);
  }

  /** The offset the next event of {@code source} must have: {@link #get} + 1. */
  public long next(String source) {
    return get(source) + 1;
  }

  /** This map with {@code source} at least at {@code offset}. */
  public OffsetMap with(String source, long offset) {
    if (offset <= get(source)) {
      return this;
    }
    TreeMap<String, Long> copy = new TreeMap<>(offsets);
    copy.put(source, offset);
    return new OffsetMap(copy);
  }

  /** The pointwise maximum of both maps. */
  public OffsetMap merge(OffsetMap other) {
    TreeMap<String, Long> copy = new TreeMap<>(offsets);
    other.offsets.forEach((source, offset) -> copy.merge(source, offset, Math::max));
    return new OffsetMap(copy);
  }

  /** Whether every source of {@code other} is here at least as far. */
  public boolean covers(OffsetMap other) {
    return other.offsets.entrySet().stream().allMatch(e -> get(e.getKey()) >= e.getValue());
  }

  /** The sources and their highest offsets, sorted by source. */
  public Map<String, Long> asMap() {
    return Collections.unmodifiableMap(offsets);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    offsets.forEach(json::put);
    return json;
  }

  /**
   * The map a client or peer sent: every value a whole number ≥ 0. Throws
   * IllegalArgumentException, naming the entry, for anything else. Sources are not checked
   * here: callers that need node IDs parse them.
   */
  public static OffsetMap fromJson(JsonObject json) {
    if (json == null) {
      return EMPTY;
    }
    TreeMap<String, Long> map = new TreeMap<>();
    for (Map.Entry<String, Object> entry : json) {
      if (!(entry.getValue() instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
        throw new IllegalArgumentException("the offset of " + entry.getKey() + " is " + entry.getValue()
            + ", not a whole number ≥ 0");
      }
      map.put(entry.getKey(), n.longValue());
    }
    return new OffsetMap(map);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OffsetMap m && m.offsets.equals(offsets);
  }

  @Override
  public int hashCode() {
    return offsets.hashCode();
  }

  @Override
  public String toString() {
    return offsets.toString();
  }
}
