package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget of an idle connection: a node holding 100 idle swarm peers (each its own identity,
 * with the key) and 100 idle secure-API clients (secured, no stream) must cost less than 1 MiB
 * of RSS per connection. Clients come from several 127/8 addresses, 25 each, inside the
 * per-address budgets.
 */
class IdleFootprintIT {

  private static final int PEERS = 100;
  private static final int ADMINS = 100;
  private static final int PER_ADDRESS = 25;

  @TempDir
  Path dir;

  @Test
  @Timeout(180)
  void anIdleConnectionCostsLessThanOneMiB() throws Exception {
    Map<String, JsonObject> config = Map.of("admin-api", new JsonObject().put("idleTimeoutMs", 600_000));
    List<SecuredPeer> held = new ArrayList<>();
    try (HostileNode node = HostileNode.start(dir, config)) {
      ClientIdentity user = ClientIdentity.random();
      for (int i = 0; i < 3; i++) {
        LegitProbe.timeOnce(() -> Legit.swarmPing(node));
        LegitProbe.timeOnce(() -> Legit.adminRequest(node, user));
      }
      settle(node);
      long before = node.rss.markBaseline();
      try {
        for (int i = 0; i < PEERS; i++) {
          SecuredPeer peer = Legit.securedSwarmPeer(node, ClientIdentity.random(), "127.0.0." + (10 + i / PER_ADDRESS));
          held.add(peer);
          peer.startReading();
        }
        for (int i = 0; i < ADMINS; i++) {
          SecuredPeer admin = PeerSocket.dial("127.0.0." + (20 + i / PER_ADDRESS), node.adminPort(), null)
              .secureAsDialer(ClientIdentity.random(), null);
          held.add(admin);
          admin.startReading();
        }
        settle(node);
        long with = node.rss.now();
        long open = held.stream().filter(peer -> !peer.isClosed()).count();
        long legitMs = LegitProbe.timeOnce(() -> Legit.adminRequest(node, user));
        double perConnection = (with - before) / (double) (PEERS + ADMINS);
        Report.line("idle 100 swarm + 100 admin", node.rss, with, String.format(Locale.ROOT,
            "n/a; %.1f KiB per idle connection, %d of %d still open", perConnection / 1024, open, held.size()), legitMs);
        assertEquals(held.size(), open, "the node closed idle connections it should hold");
        assertTrue(perConnection < RssWatch.MIB, String.format(Locale.ROOT,
            "%.2f MiB of RSS per idle connection", perConnection / RssWatch.MIB));
      } finally {
        held.forEach(SecuredPeer::close);
      }
    }
  }

  /** Two seconds for the node to finish what the last connections started (identify, first pings). */
  private static void settle(HostileNode node) throws InterruptedException {
    if (node.process.exitedWithin(Duration.ofSeconds(2))) {
      node.assertAlive("an idle-footprint measurement");
    }
  }
}
