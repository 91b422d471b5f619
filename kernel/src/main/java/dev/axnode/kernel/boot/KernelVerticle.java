package dev.axnode.kernel.boot;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SwapRequest;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import dev.axnode.kernel.registry.DeploymentRegistry;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kernel's own verticle: serves the deployment registry, the node status and the
 * bound-address announcements on the event bus, and applies log levels from settings.
 * It is not in the registry and is never swapped.
 *
 * <p>On a clustered node every member runs a kernel for its own verticles. Each serves the
 * node-wide addresses to the verticles of its own member (gathering the other members'
 * answers through {@link NodeView}) and its member addresses to the other kernels; a swap
 * of a verticle another member runs is forwarded to that member's kernel.
 */
public final class KernelVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KernelVerticle.class);
  /** A swap forwarded to another member: deploying the new instance may load a jar and start servers. */
  static final long SWAP_TIMEOUT_MS = 60_000;

  private final DeploymentRegistry registry;
  private final long startedAtMillis;
  private final Set<BoundAddress> bound = new LinkedHashSet<>();
  private final LogLevels logLevels = new LogLevels();
  private final Map<String, String> builtInClasses;

  /**
   * @param builtInClasses the implementation class each verticle name was first deployed
   *                       with, so a swap without a jar can return to it
   */
  public KernelVerticle(DeploymentRegistry registry, long startedAtMillis, Map<String, String> builtInClasses) {
    this.registry = registry;
    this.startedAtMillis = startedAtMillis;
    this.builtInClasses = Map.copyOf(builtInClasses);
  }

  /** Applies the log levels of a settings tree ({@code {"com.actyx.os": …}}). */
  public void applyLogLevels(JsonObject settings) {
    logLevels.apply(settings);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    String self = registry.member().id();
    NodeView node = new NodeView(vertx, self, this::localVerticles, this::localStatus);
    return Future.all(List.of(
        // Local: the asking verticle's own kernel gathers the node, never a dead member's kernel.
        bus.localConsumer(Addresses.KERNEL_VERTICLES_LIST, m -> reply(m, node.verticles())).completion(),
        bus.<SwapRequest>localConsumer(Addresses.KERNEL_VERTICLES_SWAP, m -> routeSwap(m, node)).completion(),
        bus.localConsumer(Addresses.KERNEL_NODE_STATUS, m -> reply(m, node.status())).completion(),
        bus.consumer(Addresses.kernelMember(self, Addresses.MEMBER_VERTICLES_LIST),
            m -> m.reply(localVerticles())).completion(),
        bus.<SwapRequest>consumer(Addresses.kernelMember(self, Addresses.MEMBER_VERTICLES_SWAP), this::swap).completion(),
        bus.consumer(Addresses.kernelMember(self, Addresses.MEMBER_NODE_STATUS), m -> m.reply(localStatus())).completion(),
        // Local: a verticle announces its sockets to the kernel of its own member.
        bus.<BoundAddress>localConsumer(Addresses.KERNEL_ADDRESS_BOUND, m -> {
          addressBound(m.body());
          m.reply(null);
        }).completion(),
        bus.<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, m -> logLevels.apply(m.body().settings())).completion()));
  }

  private VerticleList localVerticles() {
    return new VerticleList(registry.list());
  }

  private NodeStatus localStatus() {
    return new NodeStatus(startedAtMillis, AxVersion.version(), bound.stream().toList());
  }

  private static void reply(Message<?> message, Future<?> answer) {
    answer.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        BusRequests.fail(message, ar.cause());
      }
    });
  }

  /** Swaps here when this member runs the verticle, else forwards to the member that does. */
  private void routeSwap(Message<SwapRequest> message, NodeView node) {
    String name = message.body().name();
    if (registry.spec(name) != null) {
      swap(message);
      return;
    }
    node.verticles().onComplete(ar -> {
      List<VerticleInfo> all = ar.succeeded() ? ar.result().verticles() : List.of();
      VerticleInfo target = all.stream()
          .filter(v -> v.name().equals(name) && !"DRAINING".equals(v.state()) && v.member() != null)
          .findFirst().orElse(null);
      if (target == null || target.member().id().equals(registry.member().id())) {
        BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "No verticle named '" + name
            + "'; deployed: " + String.join(", ", all.stream().map(VerticleInfo::name).distinct().toList())));
        return;
      }
      reply(message, BusRequests.request(vertx,
          Addresses.kernelMember(target.member().id(), Addresses.MEMBER_VERTICLES_SWAP), message.body(), SWAP_TIMEOUT_MS));
    });
  }

  private void swap(Message<SwapRequest> message) {
    SwapRequest request = message.body();
    VerticleSpec running = registry.spec(request.name());
    if (running == null) {
      registry.swap(request.name(), null).onComplete(ar -> BusRequests.fail(message, ar.cause()));
      return;
    }
    boolean builtIn = request.jarPath() == null;
    String className = request.className() != null ? request.className()
        : builtIn ? builtInClasses.get(request.name()) : null;
    if (className == null && builtIn) {
      BusRequests.fail(message, new AxException(ErrorCode.INVALID_INPUT, "No built-in class known for " + request.name()));
      return;
    }
    VerticleSpec replacement = new VerticleSpec(request.name(), className, request.jarPath(),
        request.config() == null ? running.config() : running.config().copy().mergeIn(request.config(), true));
    registry.swap(request.name(), replacement).onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
      } else {
        LOG.warn("{}", ar.cause().getMessage());
        BusRequests.fail(message, ar.cause());
      }
    });
  }

  private void addressBound(BoundAddress address) {
    if (bound.add(address)) {
      LOG.info("{} listening on {} {}:{}", address.verticle(), address.protocol(), address.host(), address.port());
    }
  }
}
