package dev.axnode.kernel.lifecycle;

/**
 * Keeps a swapped verticle on the port its predecessor bound.
 *
 * <p>Vert.x shares a listening socket between servers of one Vert.x instance that listen on
 * the same host and port, which is what lets a new instance serve before the old one stops.
 * A server listening on port 0 is never shared, though: a second one would get another
 * port. Vert.x's answer is a negative port: "any free port, shared by every server that
 * asks for this same negative port". Each listener of the node has its own negative port,
 * so the swarm and the admin API, both on all interfaces, never share a socket.
 */
public final class BoundPorts {

  /** The node's listeners, each with its own shared any-port. */
  public enum Listener {
    SWARM(-1), HTTP_API(-2), SECURE_API(-3), EVENTS_API(-4);

    private final int sharedAnyPort;

    Listener(int sharedAnyPort) {
      this.sharedAnyPort = sharedAnyPort;
    }
  }

  private BoundPorts() {
  }

  /** The port to pass to {@code listen}: the configured one, or this listener's shared any-port for 0. */
  public static int portToBind(Listener listener, int configured) {
    return configured == 0 ? listener.sharedAnyPort : configured;
  }
}
