package dev.axnode.kernel.lifecycle;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Keeps a swapped verticle on the port its predecessor bound. With port 0 ("any free
 * port") in the config, the first instance gets a port from the OS; a new instance
 * deployed by a swap must bind that same port, so that Vert.x shares the listening socket
 * and clients never see it refused.
 */
public final class BoundPorts {

  private static final String MAP = "ax.kernel.bound-ports";

  private BoundPorts() {
  }

  /** The port to listen on: the configured one, or when that is 0, the one an earlier instance of {@code key} bound. */
  public static int portToBind(Vertx vertx, String key, int configured) {
    if (configured != 0) {
      return configured;
    }
    Integer previous = ports(vertx).get(key);
    return previous == null ? 0 : previous;
  }

  /** Records the port an instance of {@code key} actually bound. */
  public static void remember(Vertx vertx, String key, int actualPort) {
    ports(vertx).put(key, actualPort);
  }

  private static LocalMap<String, Integer> ports(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }
}
