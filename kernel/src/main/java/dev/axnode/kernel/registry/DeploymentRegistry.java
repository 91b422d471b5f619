package dev.axnode.kernel.registry;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.Member;
import dev.axnode.kernel.message.VerticleInfo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's verticles by logical name: deploy, undeploy, list and swap.
 *
 * <p>A swap is make-before-break: the new instance is deployed and serving (its consumers
 * and servers registered beside the old ones) before the old one is undeployed; the old
 * instance's {@code stop()} stops taking new work and drains what it holds. A new instance
 * that fails to start is reported and the old one goes on serving. Use from one context.
 */
public final class DeploymentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(DeploymentRegistry.class);

  private final Vertx vertx;
  private final JsonObject nodeWideConfig;
  private final Map<String, Deployment> current = new LinkedHashMap<>();
  private final List<Deployment> draining = new ArrayList<>();
  private final Set<String> swapping = new HashSet<>();
  /** The JVM these verticles run in, as every listing names it. */
  private Member member = new Member(Member.LOCAL, null, null, ProcessHandle.current().pid());

  public DeploymentRegistry(Vertx vertx, JsonObject nodeWideConfig) {
    this.vertx = vertx;
    this.nodeWideConfig = nodeWideConfig.copy();
  }

  /** Names the member this registry's verticles run on (set by the kernel before it deploys any). */
  public void member(Member member) {
    this.member = member;
  }

  public Member member() {
    return member;
  }

  /** Deploys {@code spec} under its name, which must not be in use. */
  public Future<VerticleInfo> deploy(VerticleSpec spec) {
    if (current.containsKey(spec.name()) || swapping.contains(spec.name())) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "A verticle named " + spec.name() + " is already deployed"));
    }
    swapping.add(spec.name());
    return start(spec).andThen(ar -> swapping.remove(spec.name())).map(deployment -> {
      current.put(spec.name(), deployment);
      return deployment.info(member);
    });
  }

  /** Undeploys the verticle named {@code name}, draining it. */
  public Future<Void> undeploy(String name) {
    Deployment deployment = current.remove(name);
    if (deployment == null) {
      return Future.failedFuture(unknown(name));
    }
    return drain(deployment);
  }

  /**
   * Replaces {@code name} by a new instance of {@code replacement} (the same spec when
   * null). Completes with the new instance once it serves; the old one drains afterwards.
   */
  public Future<VerticleInfo> swap(String name, VerticleSpec replacement) {
    Deployment old = current.get(name);
    if (old == null) {
      return Future.failedFuture(unknown(name));
    }
    if (!swapping.add(name)) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "A swap of " + name + " is already in progress"));
    }
    VerticleSpec spec = replacement != null ? replacement : old.spec();
    return start(spec)
        .andThen(ar -> swapping.remove(name))
        .recover(failure -> Future.failedFuture(new AxException(AxException.from(failure).code(),
            "Swap of " + name + " failed; the old instance keeps serving: " + failure.getMessage())))
        .map(fresh -> {
          current.put(name, fresh);
          LOG.info("swapped {}: {} ({}) now serves, {} drains", name, fresh.deploymentId(), fresh.spec().source(),
              old.deploymentId());
          drain(old);
          return fresh.info(member);
        });
  }

  /** The spec currently deployed under {@code name}, or null. */
  public VerticleSpec spec(String name) {
    Deployment deployment = current.get(name);
    return deployment == null ? null : deployment.spec();
  }

  public List<VerticleInfo> list() {
    List<VerticleInfo> infos = new ArrayList<>();
    current.values().forEach(d -> infos.add(d.info(member)));
    draining.forEach(d -> infos.add(d.info(member)));
    return infos;
  }

  /** Undeploys everything, newest first. */
  public Future<Void> undeployAll() {
    List<String> names = new ArrayList<>(current.keySet());
    Future<Void> chain = Future.succeededFuture();
    for (int i = names.size() - 1; i >= 0; i--) {
      String name = names.get(i);
      chain = chain.compose(v -> undeploy(name).recover(failure -> Future.succeededFuture()));
    }
    return chain;
  }

  private Future<Deployment> start(VerticleSpec spec) {
    return vertx.<VerticleLoader.Loaded>executeBlocking(() -> VerticleLoader.load(spec), false)
        .compose(loaded -> {
          JsonObject config = nodeWideConfig.copy().mergeIn(spec.config(), true).put("name", spec.name());
          DeploymentOptions options = new DeploymentOptions().setConfig(config);
          if (loaded.loader() != null) {
            options.setClassLoader(loaded.loader());
          }
          return vertx.deployVerticle(loaded.verticle(), options)
              .map(id -> new Deployment(spec, loaded, id))
              .onFailure(failure -> VerticleLoader.closeQuietly(loaded.loader()));
        });
  }

  private Future<Void> drain(Deployment deployment) {
    deployment.state("DRAINING");
    draining.add(deployment);
    return vertx.undeploy(deployment.deploymentId())
        .andThen(ar -> {
          draining.remove(deployment);
          deployment.state(ar.succeeded() ? "UNDEPLOYED" : "FAILED");
          VerticleLoader.closeQuietly(deployment.loaded().loader());
          if (ar.failed()) {
            LOG.warn("undeploy of {} ({}) failed: {}", deployment.spec().name(), deployment.deploymentId(),
                ar.cause().getMessage());
          }
        });
  }

  private AxException unknown(String name) {
    return new AxException(ErrorCode.INVALID_INPUT,
        "No verticle named '" + name + "'; deployed: " + String.join(", ", current.keySet()));
  }

  /** One running instance. */
  private static final class Deployment {
    private final VerticleSpec spec;
    private final VerticleLoader.Loaded loaded;
    private final String deploymentId;
    private String state = "RUNNING";

    Deployment(VerticleSpec spec, VerticleLoader.Loaded loaded, String deploymentId) {
      this.spec = spec;
      this.loaded = loaded;
      this.deploymentId = deploymentId;
    }

    VerticleSpec spec() {
      return spec;
    }

    VerticleLoader.Loaded loaded() {
      return loaded;
    }

    String deploymentId() {
      return deploymentId;
    }

    void state(String state) {
      this.state = state;
    }

    VerticleInfo info(Member member) {
      return new VerticleInfo(spec.name(), loaded.className(), loaded.version(), deploymentId, state, spec.source(),
          member);
    }
  }
}
