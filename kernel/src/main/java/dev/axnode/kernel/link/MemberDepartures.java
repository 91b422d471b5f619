package dev.axnode.kernel.link;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.Shareable;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells link ends when the member at the other end leaves the cluster. A killed member sends
 * no {@link LinkEnd}, and a send to its vanished consumers is dropped without a word, so
 * without this the layers in the surviving members would keep its connections forever.
 *
 * <p>One per clustered Vert.x (kept in its shared data), holding the cluster manager's single
 * node-listener slot: nothing else in the node uses it (Vert.x HA, the other user, is off).
 */
final class MemberDepartures implements NodeListener, Shareable {

  private final ClusterManager cluster;
  private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

  private MemberDepartures(ClusterManager cluster) {
    this.cluster = cluster;
  }

  static MemberDepartures of(Vertx vertx) {
    return vertx.sharedData().<String, MemberDepartures>getLocalMap("ax.link.member-departures")
        .computeIfAbsent("departures", k -> {
          MemberDepartures departures = new MemberDepartures(((VertxInternal) vertx).clusterManager());
          departures.cluster.nodeListener(departures);
          return departures;
        });
  }

  /** This member's cluster node id, as other members' link ends learn it. */
  static String thisMember(Vertx vertx) {
    return ((VertxInternal) vertx).clusterManager().getNodeId();
  }

  /**
   * Runs {@code left} on the caller's context once {@code member} leaves (at once if it has
   * already gone). The returned action cancels the watch.
   */
  Runnable watch(String member, Runnable left) {
    Context context = Vertx.currentContext();
    Runnable onContext = () -> context.runOnContext(v -> left.run());
    watchers.computeIfAbsent(member, k -> ConcurrentHashMap.newKeySet()).add(onContext);
    if (!cluster.getNodes().contains(member)) {
      nodeLeft(member);
    }
    return () -> {
      Set<Runnable> forMember = watchers.get(member);
      if (forMember != null) {
        forMember.remove(onContext);
      }
    };
  }

  @Override
  public void nodeAdded(String nodeID) {
  }

  @Override
  public void nodeLeft(String nodeID) {
    Set<Runnable> gone = watchers.remove(nodeID);
    if (gone != null) {
      gone.forEach(Runnable::run);
    }
  }
}
