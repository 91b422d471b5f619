package dev.axnode.kernel.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * How this JVM joins its node's cluster ({@code ax-node --cluster …}).
 *
 * @param host    the interface both the Hazelcast member protocol and the event bus bind to,
 *                and the name other members reach this one by (its certificate's SAN)
 * @param port    the Hazelcast member port (0: any free port, logged at start)
 * @param busPort the event bus port (0: any free port; Hazelcast tells the other members)
 * @param join    the members to join, {@code HOST:PORT}; empty for the first member
 * @param dir     the cluster directory with ca.crt, cluster-name, member.crt and member.key
 */
public record ClusterConfig(String host, int port, int busPort, List<String> join, Path dir) {

  /** Hazelcast's usual member port. */
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_BUS_PORT = 0;

  public ClusterConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--cluster needs --cluster-host HOST: the interface the cluster binds to");
    }
    if (isWildcard(host)) {
      throw new IllegalArgumentException("--cluster-host must name one interface, not the wildcard " + host
          + " (the member protocol has no TLS; bind it where only members reach it)");
    }
    checkPort("--cluster-port", port);
    checkPort("--cluster-bus-port", busPort);
    for (String member : join) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException("--join takes HOST:PORT[,HOST:PORT…], not '" + member + "'");
      }
      checkPort("--join", Integer.parseInt(member.substring(colon + 1)));
    }
    join = List.copyOf(join);
  }

  /** Whether {@code host} is an any-address (0.0.0.0, ::, [::]). */
  public static boolean isWildcard(String host) {
    String bare = host.replace("[", "").replace("]", "");
    return bare.equals("0.0.0.0") || bare.matches("[0:]+") || bare.equals("*");
  }

  private static void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + " must be between 0 and 65535, not " + port);
    }
  }
}
