package dev.axnode.kernel.boot;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The whole node as one member's kernel sees it: each member's kernel answers for its own
 * verticles at its member addresses ({@link Addresses#kernelMember}); this gathers the
 * answers of every member the cluster manager lists. A member that does not answer within
 * {@link #MEMBER_TIMEOUT_MS} (it died and the cluster has not noticed yet, or it runs no
 * kernel) is left out, so a listing never waits for a dead member longer than that.
 */
final class NodeView {

  private static final Logger LOG = LoggerFactory.getLogger(NodeView.class);
  /** How long one member may take to answer; well inside the 2 s of a control request. */
  static final long MEMBER_TIMEOUT_MS = 1_000;
  private static final DeliveryOptions MEMBER_DELIVERY = new DeliveryOptions().setSendTimeout(MEMBER_TIMEOUT_MS);

  private final Vertx vertx;
  private final String selfId;
  private final Supplier<VerticleList> localVerticles;
  private final Supplier<NodeStatus> localStatus;

  NodeView(Vertx vertx, String selfId, Supplier<VerticleList> localVerticles, Supplier<NodeStatus> localStatus) {
    this.vertx = vertx;
    this.selfId = selfId;
    this.localVerticles = localVerticles;
    this.localStatus = localStatus;
  }

  /** Every member's verticles, member by member in the cluster's order. */
  Future<VerticleList> verticles() {
    return gather(Addresses.MEMBER_VERTICLES_LIST, localVerticles).map(lists -> {
      List<VerticleInfo> all = new ArrayList<>();
      lists.forEach(list -> all.addAll(list.verticles()));
      return new VerticleList(all);
    });
  }

  /** The node's status: started when its first member started, with every member's sockets. */
  Future<NodeStatus> status() {
    return gather(Addresses.MEMBER_NODE_STATUS, localStatus).map(statuses -> {
      NodeStatus own = localStatus.get();
      long started = statuses.stream().mapToLong(NodeStatus::startedAtMillis).min().orElse(own.startedAtMillis());
      Set<BoundAddress> addresses = new LinkedHashSet<>();
      statuses.forEach(status -> addresses.addAll(status.addresses()));
      return new NodeStatus(started, own.version(), List.copyOf(addresses));
    });
  }

  private <T> Future<List<T>> gather(String operation, Supplier<T> local) {
    List<Future<T>> answers = new ArrayList<>();
    for (String member : NodeMembers.ids(vertx)) {
      if (member.equals(selfId)) {
        answers.add(Future.succeededFuture(local.get()));
      } else {
        answers.add(vertx.eventBus().<T>request(Addresses.kernelMember(member, operation), null, MEMBER_DELIVERY)
            .map(Message::body)
            .otherwise(failure -> {
              LOG.debug("member {} did not answer {}: {}", member, operation, failure.getMessage());
              return null;
            }));
      }
    }
    // Every answer succeeds (a silent member as null), so this waits for the slowest, 1 s at most.
    return Future.all(answers).map(done -> answers.stream().map(Future::result).filter(Objects::nonNull).toList());
  }
}
