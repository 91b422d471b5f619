package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * Reads and edits a tree of JSON objects by key path. The edits never change their input:
 * they return an edited deep copy, so a tree that was shared stays as it was.
 */
final class SettingsTree {

  private SettingsTree() {
  }

  /** The value at {@code keys} below {@code tree} ({@code tree} itself for no keys); empty when absent or null. */
  static Optional<Object> find(JsonObject tree, List<String> keys) {
    Object current = tree;
    for (String key : keys) {
      if (!(current instanceof JsonObject object)) {
        return Optional.empty();
      }
      current = object.getValue(key);
    }
    return Optional.ofNullable(current);
  }

  /**
   * A copy of {@code tree} with {@code value} at {@code keys}, creating missing objects on
   * the way. Fails with {@link ErrorCode#SETTINGS_INVALID} when a key on the way holds
   * something other than an object.
   */
  static JsonObject set(JsonObject tree, List<String> keys, Object value) {
    requireKeys(keys);
    JsonObject copy = tree.copy();
    JsonObject parent = copy;
    for (int i = 0; i < keys.size() - 1; i++) {
      Object next = parent.getValue(keys.get(i));
      if (next == null) {
        next = new JsonObject();
        parent.put(keys.get(i), next);
      } else if (!(next instanceof JsonObject)) {
        String at = String.join("/", keys.subList(0, i + 1));
        throw new AxException(ErrorCode.SETTINGS_INVALID, "Cannot set " + String.join("/", keys) + ": "
            + at + " holds a " + JsonTypes.typeOf(next) + ", not an object");
      }
      parent = (JsonObject) next;
    }
    parent.put(keys.get(keys.size() - 1), value);
    return copy;
  }

  /**
   * A copy of {@code tree} without the value at {@code keys}. Objects the removal leaves
   * empty are removed too, except the one at the first key (a top-level scope). Removing
   * what is not there changes nothing.
   */
  static JsonObject unset(JsonObject tree, List<String> keys) {
    requireKeys(keys);
    JsonObject copy = tree.copy();
    removeBelow(copy, keys, 0);
    return copy;
  }

  private static void removeBelow(JsonObject parent, List<String> keys, int depth) {
    String key = keys.get(depth);
    if (depth == keys.size() - 1) {
      parent.remove(key);
      return;
    }
    if (parent.getValue(key) instanceof JsonObject child) {
      removeBelow(child, keys, depth + 1);
      if (child.isEmpty() && depth > 0) {
        parent.remove(key);
      }
    }
  }

  private static void requireKeys(List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a path of at least one key is needed");
    }
  }
}
