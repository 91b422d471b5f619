package dev.axnode.kernel.boot;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.registry.DeploymentRegistry;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Boots a node: registers every codec, starts the kernel verticle, deploys the configured
 * verticles in order, applies the log levels from settings and logs the node ID once ready.
 * On a clustered Vert.x it boots one member of the node: the verticles of its config are
 * this member's share, and its kernel joins the other members' kernels ({@link KernelVerticle}).
 */
public final class Kernel {

  private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

  /**
   * How long a starting member waits for the node's identity: on a clustered node the
   * keystore may run on a member that is still unlocking it (scrypt, about half a second).
   */
  private static final long IDENTITY_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final NodeConfig config;
  private final DeploymentRegistry registry;
  private final long startedAtMillis = System.currentTimeMillis();

  public Kernel(Vertx vertx, NodeConfig config) {
    this.vertx = vertx;
    this.config = new NodeConfig(config);
    this.registry = new DeploymentRegistry(vertx, config.nodeWideConfig());
  }

  /** Starts the node; completes with the node's identity once every verticle serves. */
  public Future<NodeIdentity> start() {
    MessageCodecs.registerAll(vertx.eventBus());
    Map<String, String> builtIns = new LinkedHashMap<>();
    config.verticles().forEach(spec -> builtIns.put(spec.name(), spec.className()));
    KernelVerticle kernelVerticle = new KernelVerticle(registry, startedAtMillis, builtIns);
    Future<?> chain = NodeMembers.thisMember(vertx)
        .compose(member -> {
          registry.member(member);
          return vertx.deployVerticle(kernelVerticle);
        });
    for (VerticleSpec spec : config.verticles()) {
      chain = chain.compose(v -> registry.deploy(spec)
          .recover(failure -> Future.failedFuture(new IllegalStateException(
              "verticle " + spec.name() + " failed to start: " + failure.getMessage(), failure))));
    }
    return chain
        .compose(v -> applyInitialLogLevels(kernelVerticle))
        .compose(v -> BusRequests.<NodeIdentity>request(vertx, Addresses.KEYSTORE_IDENTITY, null, IDENTITY_TIMEOUT_MS))
        .onSuccess(identity -> LOG.info("node {} ready in {} ms", identity.nodeId(),
            System.currentTimeMillis() - startedAtMillis));
  }

  private Future<Void> applyInitialLogLevels(KernelVerticle kernelVerticle) {
    return BusRequests.<JsonValue>request(vertx, Addresses.SETTINGS_GET, new SettingsGet(".", false))
        .onSuccess(tree -> kernelVerticle.applyLogLevels((JsonObject) tree.value()))
        .otherwiseEmpty()
        .mapEmpty();
  }

  public DeploymentRegistry registry() {
    return registry;
  }

  /** Undeploys every verticle and closes Vert.x. */
  public Future<Void> stop() {
    return registry.undeployAll().eventually(() -> vertx.close());
  }
}
