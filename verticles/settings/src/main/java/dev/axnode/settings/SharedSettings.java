package dev.axnode.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.SharedData;

import java.util.function.Supplier;

/**
 * The authoritative stored tree of one settings file, shared by every instance of the
 * settings verticle in this Vert.x instance.
 *
 * <p>During a swap two instances serve the same addresses for a moment. If each kept its
 * own copy, a write taken by one would be overwritten by the next write of the other. So
 * the tree lives in a local shared map (as JSON text, which is immutable and safe to share
 * across class loaders), and every write runs under one local lock: read the current tree,
 * edit, validate, persist, publish the new tree, release.
 */
final class SharedSettings {

  static final String MAP = "ax.settings";
  static final String WRITE_LOCK = "ax.settings.write";
  /** Long enough for a queue of writes, each an fsync, to go through. */
  static final long LOCK_TIMEOUT_MS = 30_000;

  private final SharedData sharedData;
  private final LocalMap<String, String> trees;
  private final String key;

  SharedSettings(Vertx vertx, SettingsFile file) {
    this.sharedData = vertx.sharedData();
    this.trees = sharedData.getLocalMap(MAP);
    this.key = file.path().toString();
  }

  /** The current stored tree: a fresh copy the caller may change. */
  JsonObject current() {
    String json = trees.get(key);
    if (json == null) {
      throw new IllegalStateException("the settings of " + key + " have not been loaded");
    }
    return new JsonObject(json);
  }

  /** Makes {@code tree} the current stored tree. Call it holding the write lock. */
  void replace(JsonObject tree) {
    trees.put(key, tree.encode());
  }

  /** Runs {@code work} holding the write lock, released when its future completes. */
  <T> Future<T> exclusively(Supplier<Future<T>> work) {
    return sharedData.withLocalLock(WRITE_LOCK, LOCK_TIMEOUT_MS, () -> {
      try {
        return work.get();
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    });
  }
}
