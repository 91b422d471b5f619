package dev.axnode.deploy.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.concurrent.TimeUnit;

/**
 * A Hazelcast member that knows the cluster name (the member protocol has no TLS, so anyone
 * on the cluster host's network can learn it and join) but has no certificate from the CA:
 * its event bus is plain TCP.
 */
final class RogueMember {

  private RogueMember() {
  }

  static Vertx join(String clusterName, int hazelcastPort) {
    Config config = new Config().setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.getJetConfig().setEnabled(false);
    config.getNetworkConfig().setPort(0).getInterfaces().setEnabled(true).addInterface(ClusterMembers.HOST);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
        .addMember(ClusterMembers.HOST + ":" + hazelcastPort);
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(ClusterMembers.HOST).setPort(0)))
        .withClusterManager(new HazelcastClusterManager(config))
        .buildClustered()
        .toCompletionStage().toCompletableFuture().orTimeout(90, TimeUnit.SECONDS).join();
  }
}
