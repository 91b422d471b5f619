package dev.axnode.kernel.lifecycle;

/**
 * Keeps a swapped verticle on the port its predecessor bound.
 *
 * <p>Vert.x shares a listening socket between servers of one Vert.x instance that listen on
 * the same host and port, which is what lets a new instance serve before the old one stops.
 * A server listening on port 0 is never shared, though: a second one would get another
 * port. Vert.x's answer is a negative port: "any free port, shared by every server that
 * asks for this same negative port". So port 0 from the config is bound as -1.
 */
public final class BoundPorts {

  /** The shared "any free port" of Vert.x servers. */
  static final int SHARED_ANY_PORT = -1;

  private BoundPorts() {
  }

  /** The port to pass to {@code listen}: the configured one, or the shared any-port for 0. */
  public static int portToBind(int configured) {
    return configured == 0 ? SHARED_ANY_PORT : configured;
  }
}
