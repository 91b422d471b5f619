package dev.axnode.kernel.boot;

import dev.axnode.kernel.message.Member;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The members of the node as the cluster manager knows them: one per JVM that joined the
 * node's cluster, named by its cluster node id; a node without a cluster is the one member
 * {@link Member#LOCAL}. A member without a kernel (a test JVM that joined to drive verticles)
 * is listed too; it simply serves no kernel address.
 */
final class NodeMembers {

  private NodeMembers() {
  }

  /** This JVM as a member. Looking up the host name may block, so it runs on a worker thread. */
  static Future<Member> thisMember(Vertx vertx) {
    ClusterManager cluster = cluster(vertx);
    String id = cluster == null ? Member.LOCAL : cluster.getNodeId();
    String address = cluster == null || cluster.getNodeInfo() == null ? null
        : cluster.getNodeInfo().host() + ":" + cluster.getNodeInfo().port();
    long pid = ProcessHandle.current().pid();
    return vertx.executeBlocking(() -> new Member(id, hostName(), address, pid), false);
  }

  /** The ids of every member now in the cluster, this one included. */
  static List<String> ids(Vertx vertx) {
    ClusterManager cluster = cluster(vertx);
    return cluster == null ? List.of(Member.LOCAL) : List.copyOf(cluster.getNodes());
  }

  private static ClusterManager cluster(Vertx vertx) {
    return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // A machine whose own name does not resolve still has a name: the resolver error carries it.
      String text = e.getMessage();
      int colon = text == null ? -1 : text.indexOf(':');
      return colon > 0 ? text.substring(0, colon) : "unknown";
    }
  }
}
