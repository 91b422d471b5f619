package dev.axnode.keystore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The stream keys a node holds: per semantics, a 32-byte AES key per epoch (1, 2, …).
 * Immutable, so a snapshot can be handed to a worker thread while the next change is made;
 * {@link #with} returns a new set. The key arrays are never handed out for writing.
 */
final class StreamKeys {

  static final int KEY_LENGTH = 32;
  private static final byte[] KEY_ID_DOMAIN = "ax-node stream key id v1".getBytes(StandardCharsets.US_ASCII);
  static final StreamKeys EMPTY = new StreamKeys(new TreeMap<>());

  private final NavigableMap<String, NavigableMap<Integer, byte[]>> keys;

  private StreamKeys(NavigableMap<String, NavigableMap<Integer, byte[]>> keys) {
    this.keys = keys;
  }

  /** The key of {@code epoch} of {@code semantics}, or null; do not modify it. */
  byte[] key(String semantics, int epoch) {
    NavigableMap<Integer, byte[]> epochs = keys.get(semantics);
    return epochs == null ? null : epochs.get(epoch);
  }

  /** The newest epoch held of {@code semantics}, 0 when none. */
  int latest(String semantics) {
    NavigableMap<Integer, byte[]> epochs = keys.get(semantics);
    return epochs == null ? 0 : epochs.lastKey();
  }

  int size() {
    return keys.values().stream().mapToInt(Map::size).sum();
  }

  /** A set with {@code key} as {@code epoch} of {@code semantics} added (copied). */
  StreamKeys with(String semantics, int epoch, byte[] key) {
    if (key.length != KEY_LENGTH || epoch < 1) {
      throw new IllegalArgumentException("a stream key has 32 bytes and an epoch from 1");
    }
    NavigableMap<String, NavigableMap<Integer, byte[]>> copy = new TreeMap<>(keys);
    NavigableMap<Integer, byte[]> epochs = new TreeMap<>(keys.getOrDefault(semantics, Collections.emptyNavigableMap()));
    epochs.put(epoch, key.clone());
    copy.put(semantics, Collections.unmodifiableNavigableMap(epochs));
    return new StreamKeys(copy);
  }

  /**
   * A public name of a key: hex of the first 16 bytes of SHA-256("ax-node stream key id v1" ‖ key).
   * Grants carry it so every node can tell whether two grants of one epoch hand out the same key;
   * it reveals nothing of a random 256-bit key.
   */
  static String keyId(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(KEY_ID_DOMAIN);
      return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(key), 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Calls {@code each} with every (semantics, epochs → key), in semantics order. */
  void forEach(BiConsumer<String, NavigableMap<Integer, byte[]>> each) {
    keys.forEach(each);
  }

  /** {@code [{"semantics", "keyEpochs":[…], "keyIds":[…]}]}: the key bytes left out, their {@link #keyId}s in epoch order. */
  JsonArray describe() {
    JsonArray list = new JsonArray();
    keys.forEach((semantics, epochs) -> list.add(new JsonObject()
        .put("semantics", semantics)
        .put("keyEpochs", new JsonArray(epochs.keySet().stream().map(Object.class::cast).toList()))
        .put("keyIds", new JsonArray(epochs.values().stream().map(key -> (Object) keyId(key)).toList()))));
    return list;
  }

  /** Never the keys: a stray log line must not leak them. */
  @Override
  public String toString() {
    return "StreamKeys[" + keys.keySet() + "]";
  }
}
