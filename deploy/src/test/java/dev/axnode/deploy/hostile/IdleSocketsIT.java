package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One host opens 80 TCP connections to 4458 and 160 to 4001 and sends nothing, holding every
 * pending-handshake slot it can: a legitimate admin request and a legitimate swarm connection
 * from another address still complete within 1 s, because pending slots are counted per host.
 */
class IdleSocketsIT {

  private static final String ATTACKER = "127.0.0.2";

  @TempDir
  Path dir;

  @Test
  @Timeout(120)
  void idleSocketsFromOneHostLockNobodyOut() throws Exception {
    ClientIdentity user = ClientIdentity.random();
    try (HostileNode node = HostileNode.start(dir, Map.of())) {
      LegitProbe.timeOnce(() -> Legit.adminRequest(node, user));
      LegitProbe.timeOnce(() -> Legit.swarmPing(node));
      node.rss.markBaseline();
      List<Socket> idle = new ArrayList<>();
      try {
        open(idle, node.adminPort(), 80);
        open(idle, node.swarmPort(), 160);
        long adminMs = 0;
        long swarmMs = 0;
        for (int i = 0; i < 3; i++) {
          adminMs = Math.max(adminMs, legit("an admin request", () -> Legit.adminRequest(node, user)));
          swarmMs = Math.max(swarmMs, legit("a swarm connection and ping", () -> Legit.swarmPing(node)));
        }
        long admin = adminMs;
        long swarm = swarmMs;
        Report.line("idle-sockets 80 on admin + 160 on swarm", node.rss, node.rss.now(), "n/a (held open)",
            Math.max(admin, swarm));
        assertAll(
            () -> assertTrue(admin < 1000, "an admin request took " + admin + " ms with idle sockets held"),
            () -> assertTrue(swarm < 1000, "a swarm connection and ping took " + swarm + " ms with idle sockets held"));
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
    }
  }

  private static long legit(String what, LegitProbe.Action action) {
    try {
      return LegitProbe.timeOnce(action);
    } catch (Exception e) {
      throw new AssertionError(what + " from " + Legit.LOOPBACK + " was refused while " + ATTACKER
          + " held idle sockets: " + e, e);
    }
  }

  /** {@code count} connections from the attacker that never send a byte (those the node refuses are closed). */
  private static void open(List<Socket> into, int port, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(ATTACKER), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      into.add(socket);
    }
  }
}
