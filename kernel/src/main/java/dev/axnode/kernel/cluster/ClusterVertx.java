package dev.axnode.kernel.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Starts a Vert.x that is one member of its node's cluster: Hazelcast as the cluster
 * manager, the event bus on mutual TLS. The only class the boot code calls for cluster mode,
 * and it names no Hazelcast type in its signature, so a node without {@code --cluster} never
 * loads Hazelcast.
 */
public final class ClusterVertx {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterVertx.class);

  private ClusterVertx() {
  }

  /**
   * Joins the cluster. Reads the member's files and resolves the cluster host on the calling
   * thread (boot, before any event loop runs).
   */
  public static Future<Vertx> start(VertxOptions options, ClusterConfig cluster) {
    String clusterName;
    String ip;
    EventBusOptions bus;
    try {
      ClusterFiles files = new ClusterFiles(cluster.dir());
      clusterName = files.readClusterName();
      ip = InetAddress.getByName(cluster.host()).getHostAddress();
      bus = ClusterBus.options(cluster.host(), cluster.busPort(), files);
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
    // Hazelcast's factory logs before it reads the instance's config; route that through SLF4J too
    System.setProperty("hazelcast.logging.type", "slf4j");
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.config(cluster, ip, clusterName));
    return Vertx.builder()
        .with(new VertxOptions(options).setEventBusOptions(bus))
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(vertx -> logJoined(manager, clusterName, bus));
  }

  private static void logJoined(HazelcastClusterManager manager, String clusterName, EventBusOptions bus) {
    var member = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    NodeInfo node = manager.getNodeInfo();
    LOG.info("cluster {}: member listening on hazelcast {}:{} (no TLS: bound to this host only), {} member(s)",
        clusterName, member.getHost(), member.getPort(), manager.getNodes().size());
    LOG.info("cluster event bus listening on tls {}:{} (TLS 1.3, client certificates from the cluster CA required), "
        + "engine {}", node.host(), node.port(), ClusterBus.engineName(bus.getSslEngineOptions()));
  }
}
