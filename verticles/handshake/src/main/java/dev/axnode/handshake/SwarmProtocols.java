package dev.axnode.handshake;

import dev.axnode.yamux.YamuxStream;

/** The node's protocols on secured connections: identify, ping and perf (wired in next). */
final class SwarmProtocols {

  void secured(SecureConnection connection) {
    // identify and the periodic ping start here
  }

  void inbound(SecureConnection connection, YamuxStream stream) {
    stream.reset();
  }
}
