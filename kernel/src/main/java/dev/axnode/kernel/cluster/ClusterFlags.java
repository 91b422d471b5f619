package dev.axnode.kernel.cluster;

import dev.axnode.kernel.registry.VerticleSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code ax-node} flags of cluster mode, a picocli mixin of {@code Main}. */
public final class ClusterFlags {

  @Option(names = "--cluster",
      description = "Run as one member of a node spread over several JVMs (Hazelcast; event bus on mutual TLS 1.3).")
  boolean cluster;

  @Option(names = "--verticles", paramLabel = "NAME[,NAME…]", split = ",",
      description = "With --cluster: the configured verticles this member runs (default all).")
  List<String> verticles;

  @Option(names = "--cluster-host", paramLabel = "HOST",
      description = "With --cluster (required): the interface the member protocol and the event bus bind to.")
  String host;

  @Option(names = "--cluster-port", paramLabel = "N",
      description = "With --cluster: the Hazelcast member port (default 5701; 0 = any free port).")
  Integer port;

  @Option(names = "--cluster-bus-port", paramLabel = "N",
      description = "With --cluster: the event bus port (default 0 = any free port).")
  Integer busPort;

  @Option(names = "--join", paramLabel = "HOST:PORT[,…]", split = ",",
      description = "With --cluster: members to join (TCP-IP; never multicast). None for the first member.")
  List<String> join;

  @Option(names = "--cluster-dir", paramLabel = "DIR",
      description = "With --cluster: the member's certificates and cluster name (default DATA/cluster).")
  Path dir;

  /** The member's cluster settings, or null when {@code --cluster} is absent (then no other cluster flag may be). */
  public ClusterConfig config(Path dataDir) {
    if (!cluster) {
      if (verticles != null || host != null || port != null || busPort != null || join != null || dir != null) {
        throw new IllegalArgumentException("--verticles, --cluster-host, --cluster-port, --cluster-bus-port, "
            + "--join and --cluster-dir need --cluster");
      }
      return null;
    }
    return new ClusterConfig(host, port == null ? ClusterConfig.DEFAULT_PORT : port,
        busPort == null ? ClusterConfig.DEFAULT_BUS_PORT : busPort, join == null ? List.of() : join,
        dir != null ? dir : ClusterFiles.under(dataDir).dir());
  }

  /** The verticles of {@code configured} this member runs, in their configured order. */
  public List<VerticleSpec> select(List<VerticleSpec> configured) {
    if (verticles == null) {
      return configured;
    }
    Set<String> known = configured.stream().map(VerticleSpec::name).collect(Collectors.toSet());
    List<String> unknown = verticles.stream().filter(name -> !known.contains(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("--verticles names verticles the configuration does not have: "
          + String.join(", ", unknown) + " (configured: " + String.join(", ", known) + ")");
    }
    List<VerticleSpec> chosen = new ArrayList<>();
    configured.stream().filter(spec -> verticles.contains(spec.name())).forEach(chosen::add);
    return chosen;
  }
}
