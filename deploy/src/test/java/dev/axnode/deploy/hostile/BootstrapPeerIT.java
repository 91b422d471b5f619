package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.securechannel.protocols.Perf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer the node dials itself (a bootstrap node, so trusted to hold the key) turns hostile:
 * after the node resets one of its streams, it keeps streaming DATA on it. The node must treat
 * that as a protocol error and close the connection after a bounded number of bytes.
 */
class BootstrapPeerIT {

  private static final String BOOTSTRAP_HOST = "127.0.0.3";
  private static final long MIB = RssWatch.MIB;

  @TempDir
  Path dir;

  @Test
  @Timeout(120)
  void junkOnAStreamTheNodeResetClosesTheConnection() throws Exception {
    ClientIdentity bootstrap = ClientIdentity.random();
    try (HostileNode node = HostileNode.start(dir, Map.of());
         ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getByName(BOOTSTRAP_HOST), 0));
      listener.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
      node.putSetting("com.actyx.os/general/bootstrapNodes", "[\"/ip4/" + BOOTSTRAP_HOST + "/tcp/"
          + listener.getLocalPort() + "/p2p/" + bootstrap.nodeId() + "\"]");
      try (SecuredPeer peer = PeerSocket.accepted(listener.accept(), node.swarmKey).secureAsListener(bootstrap)) {
        listener.close();
        peer.startReading();
        peer.abandonAfter(Duration.ofSeconds(25));
        node.rss.markBaseline();
        long stream = peer.openStream(Perf.PROTOCOL_ID, Legit.LIMIT);
        // one byte more than a perf server agrees to send: the node resets the stream
        peer.sendData(stream, ByteBuffer.allocate(8).putLong(Perf.MAX_BYTES_WANTED + 1).array());
        assertTrue(peer.awaitReset(stream, Legit.LIMIT), "the node did not reset the stream: " + peer.describeEnd());

        long sent = 0;
        long started = System.nanoTime();
        byte[] junk = new byte[60 * 1024];
        try {
          while (!peer.isClosed() && sent < 256 * MIB && System.nanoTime() - started < Duration.ofSeconds(15).toNanos()) {
            peer.sendData(stream, junk);
            sent += junk.length;
          }
        } catch (IOException closedWhileSending) {
          // the node closed it
        }
        boolean closed = peer.awaitClosed(Duration.ofSeconds(3));
        long ms = (System.nanoTime() - started) / 1_000_000;
        long legitMs = LegitProbe.timeOnce(() -> Legit.httpInspect(node));
        Report.line("bootstrap-junk-on-reset-stream", node.rss, node.rss.now(),
            (closed ? ms + " ms" : "never") + " after " + sent / 1024 + " KiB of junk", legitMs);
        node.assertAlive("junk on a reset stream");
        assertTrue(closed, "still open after " + sent / MIB + " MiB of junk on a reset stream: " + peer.describeEnd());
        assertTrue(sent < 16 * MIB, "the node took " + sent / MIB + " MiB of junk before closing");
      }
    }
  }
}
