package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.securechannel.protocols.Perf;
import dev.axnode.yamux.Flags;
import dev.axnode.yamux.FrameHeader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the swarm port (4001) by peers from 127.0.0.2: one with the key that makes the
 * node send without end and never reads, a PING flood, and a burst of wrong-key connections
 * after which nothing may be left behind.
 */
class SwarmAttacksIT {

  static final String ATTACKER = "127.0.0.2";
  private static final long MIB = RssWatch.MIB;

  @TempDir
  Path dir;

  /**
   * A peer with the key grants itself a 4 GiB window on a perf stream, asks for 2^40 bytes and
   * never reads: RSS stays within 64 MiB for 10 s while HTTP and a new swarm connection are
   * served within 1 s. Then a PING|SYN flood on another connection gets that connection closed,
   * and the node still accepts new ones.
   */
  @Test
  @Timeout(150)
  void aPeerThatNeverReadsAndAPingFloodAreBounded() throws Exception {
    try (HostileNode node = HostileNode.start(dir, Map.of())) {
      LegitProbe.timeOnce(() -> Legit.swarmPing(node));
      node.rss.markBaseline();
      LegitProbe http = LegitProbe.start("HTTP", () -> Legit.httpInspect(node));
      LegitProbe swarm = LegitProbe.start("swarm", () -> Legit.swarmPing(node));
      try (SecuredPeer greedy = Legit.securedSwarmPeer(node, ClientIdentity.random(), ATTACKER)) {
        greedy.startReading();
        long stream = greedy.openStream(Perf.PROTOCOL_ID, Legit.LIMIT);
        greedy.send(FrameHeader.windowUpdate(stream, 0, 0xFFFF_FFFFL));
        greedy.sendData(stream, ByteBuffer.allocate(8).putLong(Perf.MAX_BYTES_WANTED).array());
        greedy.send(FrameHeader.data(stream, Flags.FIN, 0));
        greedy.stopReading();
        greedy.awaitClosed(Duration.ofSeconds(10));
      } finally {
        http.close();
        swarm.close();
      }
      Report.line("swarm-4GiB-window-never-reads", node.rss, node.rss.now(), "n/a (10 s of sending)",
          Math.max(http.maxMillis(), swarm.maxMillis()));
      node.assertAlive("10 s of a peer that never reads");
      assertAll(
          () -> assertTrue(node.rss.growth() < 64 * MIB, "RSS grew by " + Report.mib(node.rss.growth()) + " MiB"),
          () -> assertTrue(http.failures().isEmpty() && http.maxMillis() < 1000, http::toString),
          () -> assertTrue(swarm.failures().isEmpty() && swarm.maxMillis() < 1000, swarm::toString));
      pingFlood(node);
    }
  }

  private void pingFlood(HostileNode node) throws Exception {
    node.rss.markBaseline();
    long sent = 0;
    long started = System.nanoTime();
    try (SecuredPeer flooder = Legit.securedSwarmPeer(node, ClientIdentity.random(), ATTACKER)
        .abandonAfter(Duration.ofSeconds(12))) {
      try {
        while (sent < 1_000_000 && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
          flooder.sendMany(FrameHeader.ping(Flags.SYN, sent), 4096);
          sent += 4096;
        }
      } catch (IOException closedWhileSending) {
        // the node closed it
      }
      long pings = sent;
      boolean closed = flooder.closedWithin(Duration.ofSeconds(5));
      long refusedMs = (System.nanoTime() - started) / 1_000_000;
      long legitMs = LegitProbe.timeOnce(() -> Legit.swarmPing(node));
      Report.line("swarm-ping-flood", node.rss, node.rss.now(),
          closed ? refusedMs + " ms after " + pings + " pings" : "never (" + pings + " pings)", legitMs);
      node.assertAlive("a PING flood");
      assertAll(
          () -> assertTrue(closed, "a connection that sent " + pings + " PING|SYN without reading is still open"),
          () -> assertTrue(node.rss.growth() < 64 * MIB, "RSS grew by " + Report.mib(node.rss.growth()) + " MiB"),
          () -> assertTrue(legitMs < 1000, "a new swarm connection took " + legitMs + " ms"));
    }
  }

  /**
   * 2048 connections with a wrong swarm key from one host, in rounds of 256 opened at once: each
   * is refused at its first bad byte (or evicted while pending); afterwards every layer's connection count is back to 0, a swap of transport
   * finishes, and SIGTERM stops the node (with a live peer) within 10 s.
   */
  @Test
  @Timeout(180)
  void aBurstOfWrongKeyConnectionsLeavesNothingBehind() throws Exception {
    HostileNode node = HostileNode.start(dir, Map.of());
    try {
      node.rss.markBaseline();
      SwarmKey wrong = SwarmKey.generate(new SecureRandom());
      List<Long> refusedMs = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        refusedMs.addAll(wrongKeyRound(node, wrong, 256));
      }
      List<Long> sorted = refusedMs.stream().sorted().toList();
      long open = sorted.stream().filter(ms -> ms < 0).count();
      String layersAfter = layersBackToZero(node);
      JsonObject swap;
      long legitMs;
      try (SecuredPeer live = Legit.securedSwarmPeer(node, ClientIdentity.random(), Legit.LOOPBACK)) {
        live.startReading();
        swap = node.swap("transport");
        legitMs = LegitProbe.timeOnce(() -> Legit.swarmPing(node));
        node.process.terminate();
        long stopping = System.nanoTime();
        boolean stopped = waitForExit(node, 10);
        long stopMs = (System.nanoTime() - stopping) / 1_000_000;
        Report.line("swarm-wrong-key-burst x2048", node.rss, node.rss.peak(), "median "
            + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms, SIGTERM took "
            + stopMs + " ms", legitMs);
        assertAll(
            () -> assertEquals(0, open, open + " wrong-key connections were not closed within 5 s"),
            () -> assertEquals("", layersAfter, "layer counts not back to 0 after the burst: " + layersAfter),
            () -> assertEquals("OK", swap.getString("code"), "swap of transport: " + swap.encode()),
            () -> assertTrue(stopped, "the node did not stop within 10 s of SIGTERM\n" + tail(node)));
      }
    } finally {
      node.close();
    }
  }

  /**
   * {@code count} connections opened at once (so many handshakes are pending together), then a
   * multistream header under a wrong key on each. Per connection: ms from that write to the
   * close, 0 if the node closed it before, -1 if still open 5 s later.
   */
  private static List<Long> wrongKeyRound(HostileNode node, SwarmKey wrong, int count) throws IOException {
    List<PeerSocket> sockets = new ArrayList<>();
    List<Long> refusedMs = new ArrayList<>();
    byte[] header = PeerSocket.concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage("/noise").toBytes());
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(PeerSocket.dial(ATTACKER, node.swarmPort(), wrong));
      }
      long started = System.nanoTime();
      boolean[] closedEarly = new boolean[sockets.size()];
      for (int i = 0; i < sockets.size(); i++) {
        try {
          sockets.get(i).write(header);
        } catch (IOException closedAlready) {
          closedEarly[i] = true;
        }
      }
      for (int i = 0; i < sockets.size(); i++) {
        refusedMs.add(closedEarly[i] ? 0L : sockets.get(i).closedWithin(Duration.ofSeconds(5))
            ? (System.nanoTime() - started) / 1_000_000 : -1);
      }
    } finally {
      sockets.forEach(PeerSocket::close);
    }
    return refusedMs;
  }

  /** Polls GET /api/v1/node for 10 s; "" once every layer count is 0, else the last layers seen. */
  private static String layersBackToZero(HostileNode node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonObject layers = null;
    while (System.nanoTime() < deadline) {
      layers = node.inspect().getJsonObject("layers");
      if (layers != null && allZero(layers)) {
        return "";
      }
      if (node.process.exitedWithin(Duration.ofMillis(250))) {
        return "the node exited";
      }
    }
    return layers == null ? "GET /api/v1/node has no \"layers\"" : layers.encode();
  }

  private static boolean allZero(JsonObject layers) {
    return layers.stream().allMatch(layer -> ((JsonObject) layer.getValue()).stream()
        .allMatch(count -> ((Number) count.getValue()).longValue() == 0));
  }

  private static boolean waitForExit(HostileNode node, long seconds) throws InterruptedException {
    try {
      node.process.waitForExit(seconds);
      return true;
    } catch (IllegalStateException stillRunning) {
      return false;
    }
  }

  private static String tail(HostileNode node) {
    String log = node.process.logText();
    return log.substring(Math.max(0, log.length() - 3000));
  }
}
