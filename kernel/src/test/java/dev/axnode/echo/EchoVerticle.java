package dev.axnode.echo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;

/** A test verticle outside the kernel packages, so a jar can carry it: answers on {@link #ADDRESS} with its deployment id and class loader kind. */
public class EchoVerticle extends VerticleBase {

  public static final String ADDRESS = "test.echo";
  private MessageConsumer<Object> consumer;

  @Override
  public Future<?> start() {
    if (config().getBoolean("failToStart", false)) {
      return Future.failedFuture("refusing to start as configured");
    }
    consumer = vertx.eventBus().consumer(ADDRESS, m -> m.reply(deploymentID() + "|"
        + getClass().getClassLoader().getClass().getSimpleName() + "|" + config().getString("flavour", "plain")));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }
}
