package dev.axnode.kernel.members;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.axnode.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Hazelcast cluster of Vert.x members on loopback for tests: its own cluster name (so
 * concurrent test runs on this machine never merge), TCP-IP join on 127.0.0.1 only,
 * no multicast, no phone-home, and failure detection in seconds instead of a minute.
 *
 * <p>Hazelcast's TCP-IP join lists every member's port up front, so the ports are free
 * ports found when the cluster is made (Hazelcast cannot join members on port 0).
 */
public final class TestCluster {

  public final String name;
  public final List<Integer> ports;

  public TestCluster(String name, List<Integer> ports) {
    this.name = name;
    this.ports = List.copyOf(ports);
  }

  /** A new cluster with room for {@code members} members. */
  public static TestCluster of(int members) throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      // not port 0: the members' own connections to each other take ports from the ephemeral range
      ports.add(FreePorts.outsideEphemeralRange(InetAddress.getLoopbackAddress().getHostAddress()));
    }
    return new TestCluster("ax-test-" + UUID.randomUUID(), ports);
  }

  /** The arguments that describe this cluster to {@link #fromArgs} in another JVM. */
  public List<String> args() {
    List<String> args = new ArrayList<>();
    args.add(name);
    ports.forEach(port -> args.add(Integer.toString(port)));
    return args;
  }

  public static TestCluster fromArgs(String[] args, int from) {
    List<Integer> ports = new ArrayList<>();
    for (int i = from + 1; i < args.length; i++) {
      ports.add(Integer.parseInt(args[i]));
    }
    return new TestCluster(args[from], ports);
  }

  /** The Hazelcast configuration of the member on {@code ports.get(index)}. */
  public Config config(int index) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(name);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(ports.get(index)).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of("127.0.0.1"));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
        .setMembers(ports.stream().map(port -> "127.0.0.1:" + port).toList());
    return config;
  }

  /** Starts member {@code index}: a clustered Vert.x with its event bus on loopback, port 0. */
  public Vertx start(int index) throws Exception {
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(0)))
        .withClusterManager(new HazelcastClusterManager(config(index)))
        .buildClustered()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
