package dev.axnode.adminapi.testjar;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** A verticle that does nothing: the implementation the upload tests swap in from jars. */
public final class NoopVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }
}
