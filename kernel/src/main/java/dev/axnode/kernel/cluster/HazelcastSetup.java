package dev.axnode.kernel.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;

/**
 * The Hazelcast configuration of a member, made in code instead of a cluster.xml so that
 * nothing on the class path can change it: the node's own cluster name, TCP-IP join to the
 * named members only (multicast and auto-detection off), bound to the cluster host alone,
 * no phone-home, and a failure detector that notices a killed member within about 5 s
 * (Hazelcast's default waits 60 s).
 */
final class HazelcastSetup {

  private static final String HEARTBEAT_INTERVAL_SECONDS = "1";
  private static final String MAX_NO_HEARTBEAT_SECONDS = "5";
  private static final int JOIN_CONNECT_TIMEOUT_SECONDS = 2;

  private HazelcastSetup() {
  }

  /** @param ip the cluster host as an IP address (Hazelcast's interface list takes addresses, not names) */
  static Config config(ClusterConfig cluster, String ip, String clusterName) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // the node's own shutdown hook stops the verticles first and then leaves the cluster
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", ip);
    config.setProperty("hazelcast.heartbeat.interval.seconds", HEARTBEAT_INTERVAL_SECONDS);
    config.setProperty("hazelcast.max.no.heartbeat.seconds", MAX_NO_HEARTBEAT_SECONDS);
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.getJetConfig().setEnabled(false);

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(ip);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(JOIN_CONNECT_TIMEOUT_SECONDS)
        .setMembers(cluster.join());

    // Vert.x's own structures, as its default-cluster.xml declares them
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return config;
  }
}
