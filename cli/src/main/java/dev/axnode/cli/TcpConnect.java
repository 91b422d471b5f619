package dev.axnode.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A blocking TCP connect to a node, for both transports of {@code ax} ({@link HttpWire}, {@link SocketLink}). */
final class TcpConnect {

  private TcpConnect() {
  }

  /**
   * A connected socket with TCP_NODELAY. A refused or unresolvable address throws the JDK's
   * exception (mapped by {@link TransportFailures}); a connect that takes longer than
   * {@code timeoutMillis} throws ERR_NODE_UNREACHABLE, "Connection timed out". Blocking.
   */
  static Socket open(NodeAddress node, InetSocketAddress address, long timeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
      return socket;
    } catch (SocketTimeoutException e) {
      socket.close();
      throw TransportFailures.unreachable(node, "Connection timed out");
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
