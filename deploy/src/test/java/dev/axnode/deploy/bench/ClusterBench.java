package dev.axnode.deploy.bench;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.boot.Kernel;
import dev.axnode.kernel.boot.NodeConfig;
import dev.axnode.kernel.cluster.ClusterConfig;
import dev.axnode.kernel.cluster.ClusterVertx;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * On-demand benchmark driver of {@code deploy/bench/cluster-bench.sh} (not run by the build):
 * request/reply latency to the keystore verticle ({@link Addresses#KEYSTORE_IDENTITY}), from
 * this JVM joined to a node's cluster as a member with its own certificate, or against a
 * keystore in this JVM for reference.
 *
 * <pre>
 *   ClusterBench member CLUSTER_DIR HAZELCAST_PORT [ROUNDS COUNT WARMUP WINDOW]
 *   ClusterBench local DATA_DIR [ROUNDS COUNT WARMUP WINDOW]
 * </pre>
 *
 * Each round sends COUNT requests one at a time (p50, p99 and requests/s of that loop), then
 * COUNT requests with WINDOW outstanding (requests/s); one JSON line per round on stdout.
 * {@code -Dax.cluster.openssl=false} runs this member's side of the bus on the JDK engine.
 */
public final class ClusterBench {

  private static final String HOST = "127.0.0.1";
  /**
   * Deadline of each request: far above any latency measured here, so that on a machine
   * loaded by other work a slow request counts in p99 rather than ending the run.
   */
  private static final long TIMEOUT_MS = 30_000;

  private ClusterBench() {
  }

  public static void main(String[] args) {
    // Hazelcast's threads would keep the JVM alive either way; the node needs no clean leave
    try {
      run(args);
      System.exit(0);
    } catch (Exception | AssertionError e) {
      LoggerFactory.getLogger(ClusterBench.class).error("cluster bench failed", e);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    boolean member = args[0].equals("member");
    int first = member ? 3 : 2;
    int rounds = intArg(args, first, 3);
    int count = intArg(args, first + 1, 2000);
    int warmup = intArg(args, first + 2, 2000);
    int window = intArg(args, first + 3, 32);
    Vertx vertx = member ? join(Path.of(args[1]), Integer.parseInt(args[2])) : local(Path.of(args[1]));
    // the first request across members opens the TLS connection to the keystore member
    await(BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null, TIMEOUT_MS));
    await(sequential(vertx, warmup));
    await(windowed(vertx, warmup, window));
    for (int round = 1; round <= rounds; round++) {
      long started = System.nanoTime();
      long[] nanos = await(sequential(vertx, count));
      double sequentialSeconds = (System.nanoTime() - started) / 1e9;
      started = System.nanoTime();
      await(windowed(vertx, count, window));
      double windowSeconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(nanos);
      System.out.printf("{\"round\":%d,\"p50Us\":%.1f,\"p99Us\":%.1f,\"sequentialPerSecond\":%.0f,"
              + "\"windowPerSecond\":%.0f}%n", round, percentile(nanos, 50) / 1e3, percentile(nanos, 99) / 1e3,
          count / sequentialSeconds, count / windowSeconds);
    }
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  /** This JVM as a member of the node's cluster, codecs registered as a kernel does. */
  private static Vertx join(Path clusterDir, int hazelcastPort) throws Exception {
    Vertx vertx = await(ClusterVertx.start(new VertxOptions(),
        new ClusterConfig(HOST, 0, 0, List.of(HOST + ":" + hazelcastPort), clusterDir)));
    MessageCodecs.registerAll(vertx.eventBus());
    return vertx;
  }

  /** An unclustered node of keystore and settings in this JVM: the same request without a bus hop. */
  private static Vertx local(Path data) throws Exception {
    Vertx vertx = Vertx.vertx();
    Kernel kernel = new Kernel(vertx, new NodeConfig().setDataDir(data).setHttpPort(0).setAdminPort(0).setSwarmPort(0)
        .setVerticles(List.of(new VerticleSpec("keystore", "dev.axnode.keystore.KeystoreVerticle", null, null),
            new VerticleSpec("settings", "dev.axnode.settings.SettingsVerticle", null, null))));
    await(kernel.start());
    return vertx;
  }

  /** {@code count} requests one after the other; the latency of each, in ns. */
  private static Future<long[]> sequential(Vertx vertx, int count) {
    long[] nanos = new long[count];
    Promise<long[]> done = Promise.promise();
    vertx.runOnContext(v -> next(vertx, nanos, 0, done));
    return done.future();
  }

  private static void next(Vertx vertx, long[] nanos, int index, Promise<long[]> done) {
    if (index == nanos.length) {
      done.complete(nanos);
      return;
    }
    long started = System.nanoTime();
    BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null, TIMEOUT_MS).onComplete(reply -> {
      if (reply.failed()) {
        done.fail(reply.cause());
        return;
      }
      nanos[index] = System.nanoTime() - started;
      // the next request from the context's queue, not from inside this reply handler: a
      // local reply may run inline, and 2000 nested requests would exhaust the stack
      vertx.runOnContext(v -> next(vertx, nanos, index + 1, done));
    });
  }

  /** {@code count} requests, {@code window} of them in flight at any time. */
  private static Future<?> windowed(Vertx vertx, int count, int window) {
    List<Future<long[]>> chains = new ArrayList<>();
    for (int i = 0; i < window; i++) {
      chains.add(sequential(vertx, count / window + (i < count % window ? 1 : 0)));
    }
    return Future.all(chains);
  }

  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(sorted.length * percent / 100.0);
    return sorted[Math.max(0, rank - 1)];
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
