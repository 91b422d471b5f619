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
import java.util.Map;
import java.util.Set;

/**
 * The kernel's own verticle: serves the deployment registry, the node status and the
 * bound-address announcements on the event bus, and applies log levels from settings.
 * It is not in the registry and is never swapped.
 */
public final class KernelVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(KernelVerticle.class);

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
    return Future.all(
        bus.consumer(Addresses.KERNEL_VERTICLES_LIST, m -> m.reply(new VerticleList(registry.list()))).completion(),
        bus.<SwapRequest>consumer(Addresses.KERNEL_VERTICLES_SWAP, this::swap).completion(),
        bus.consumer(Addresses.KERNEL_NODE_STATUS,
            m -> m.reply(new NodeStatus(startedAtMillis, AxVersion.version(), bound.stream().toList()))).completion(),
        bus.<BoundAddress>consumer(Addresses.KERNEL_ADDRESS_BOUND, m -> {
          addressBound(m.body());
          m.reply(null);
        }).completion(),
        bus.<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, m -> logLevels.apply(m.body().settings())).completion());
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
