package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.io.AtomicFile;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Uploaded jars, kept in one place: {@code <data>/verticles/<name>-<sha-256 prefix>.jar}.
 * A jar stays while a deployment (running or still draining) uses it or a swap with it is
 * in progress; after every swap, failed or not, the jars nothing uses are deleted, so a
 * refused jar leaves nothing behind and a replaced one goes once its old instance has drained.
 */
final class JarStore {

  private static final Logger LOG = LoggerFactory.getLogger(JarStore.class);
  /** Names this store writes: it never deletes a file it did not make. */
  private static final Pattern STORED = Pattern.compile("[a-z][a-z0-9-]{0,63}-[0-9a-f]{16}\\.jar");
  static final long DRAIN_RECHECK_MS = 5_000;
  static final int DRAIN_RECHECKS = 12;

  private final Vertx vertx;
  private final Path dir;
  /** Jars of swaps in progress, with how many use each (the same content may be sent twice). */
  private final Map<Path, Integer> inUse = new ConcurrentHashMap<>();
  /** When each jar was last stored or released, on {@link #clock}: a clean-up spares jars touched after it began. */
  private final Map<Path, Long> touched = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private long recheckTimer = -1;
  private int rechecksLeft;
  private boolean closed;

  JarStore(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Writes {@code jar} (once per content) and holds it until {@link #release}. */
  Future<Path> store(String name, Buffer jar) {
    return vertx.executeBlocking(() -> {
      byte[] bytes = jar.getBytes();
      Path target = dir.resolve(name + "-" + sha256(bytes).substring(0, 16) + ".jar");
      inUse.merge(target, 1, Integer::sum);
      touched.put(target, clock.get());
      try {
        if (!Files.isRegularFile(target)) {
          AtomicFile.write(target, bytes);
        }
      } catch (IOException | RuntimeException e) {
        inUse.computeIfPresent(target, (k, n) -> n > 1 ? n - 1 : null);
        throw e;
      }
      return target;
    }, false);
  }

  /** The swap with {@code jar} has finished (either way): drop the hold and delete what nothing uses. */
  Future<Void> release(Path jar) {
    inUse.computeIfPresent(jar, (k, n) -> n > 1 ? n - 1 : null);
    touched.put(jar, clock.get());
    rechecksLeft = DRAIN_RECHECKS;
    return cleanUp();
  }

  /**
   * Deletes stored jars no deployment uses and no swap holds; rechecks later while old
   * instances drain. Never fails: a clean-up that cannot run is logged and tried after the next swap.
   */
  Future<Void> cleanUp() {
    long started = clock.incrementAndGet();
    return BusRequests.<VerticleList>request(vertx, Addresses.KERNEL_VERTICLES_LIST, null)
        .compose(list -> vertx.<Boolean>executeBlocking(() -> deleteUnused(list, started), false))
        .onSuccess(draining -> {
          if (draining) {
            recheckLater();
          }
        })
        .onFailure(failure -> LOG.warn("clean-up of {} failed: {}", dir, failure.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** Stops rechecking. */
  void close() {
    closed = true;
    if (recheckTimer >= 0) {
      vertx.cancelTimer(recheckTimer);
    }
  }

  /** Deletes what nothing uses; true when a kept jar is used only by draining instances. */
  private boolean deleteUnused(VerticleList list, long started) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Set<Path> running = new HashSet<>();
    Set<Path> draining = new HashSet<>();
    for (VerticleInfo info : list.verticles()) {
      if (info.source() != null && !"built-in".equals(info.source())) {
        Path source = Path.of(info.source()).toAbsolutePath().normalize();
        ("DRAINING".equals(info.state()) ? draining : running).add(source);
      }
    }
    boolean waitForDrain = false;
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, p -> STORED.matcher(p.getFileName().toString()).matches())) {
      for (Path jar : jars) {
        Path key = jar.toAbsolutePath().normalize();
        if (running.contains(key) || inUse.containsKey(jar) || touched.getOrDefault(jar, Long.MIN_VALUE) >= started) {
          continue;
        }
        if (draining.contains(key)) {
          waitForDrain = true;
          continue;
        }
        Files.deleteIfExists(jar);
        touched.remove(jar);
        LOG.info("removed verticle jar {}: no deployment uses it", jar);
      }
    }
    return waitForDrain;
  }

  private void recheckLater() {
    if (closed || recheckTimer >= 0 || rechecksLeft <= 0) {
      return;
    }
    rechecksLeft--;
    recheckTimer = vertx.setTimer(DRAIN_RECHECK_MS, id -> {
      recheckTimer = -1;
      cleanUp();
    });
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
