package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.yamux.Flags;
import dev.axnode.yamux.FrameHeader;
import dev.axnode.yamux.GoAwayCode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the secure admin API (4458) from 127.0.0.2 while a legitimate client on
 * 127.0.0.1 keeps working: unauthorized keys announcing huge frames, stream churn without a
 * single request, and idle secured connections.
 */
class AdminAttacksIT {

  private static final String ATTACKER = "127.0.0.2";
  private static final int MIB = 1024 * 1024;
  private static final Duration ATTACK_TIME = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  /**
   * 32 connections whose keys are not in authorizedKeys each send a DATA frame for a stream that
   * never existed, announcing 16 MiB, and then the 16 MiB: each is closed at once, RSS stays
   * within 64 MiB and the authorized client is served within 1 s throughout.
   */
  @Test
  @Timeout(120)
  void unauthorizedKeysAnnouncing16MiBOnUnknownStreamsAreClosed() throws Exception {
    ClientIdentity owner = ClientIdentity.random();
    try (HostileNode node = HostileNode.start(dir, Map.of())) {
      node.putSetting("com.actyx.os/general/authorizedKeys", "[\"" + owner.keyText() + "\"]");
      LegitProbe.timeOnce(() -> Legit.adminRequest(node, owner));
      node.rss.markBaseline();
      List<Long> refusedMs = new ArrayList<>();
      LegitProbe probe = LegitProbe.start("authorized admin", () -> Legit.adminRequest(node, owner));
      ExecutorService attackers = Executors.newFixedThreadPool(32);
      try {
        List<Future<Long>> attacks = new ArrayList<>();
        long deadline = System.nanoTime() + ATTACK_TIME.toNanos();
        for (int i = 0; i < 32; i++) {
          attacks.add(attackers.submit(() -> announce16MiB(node, deadline)));
        }
        for (Future<Long> attack : attacks) {
          refusedMs.add(attack.get(90, TimeUnit.SECONDS));
        }
      } finally {
        attackers.shutdownNow();
        probe.close();
      }
      long worst = refusedMs.stream().mapToLong(Long::longValue).max().orElseThrow();
      long open = refusedMs.stream().filter(ms -> ms < 0).count();
      Report.line("unauthorized-16MiB-unknown-stream x32", node.rss, node.rss.now(),
          open > 0 ? "never for " + open + " of 32" : "max " + worst + " ms after the handshake", probe.maxMillis());
      assertTrue(refusedMs.stream().allMatch(ms -> ms >= 0), "some unauthorized connection was never closed: "
          + refusedMs + " (ms from handshake to close, -1 = still open)");
      assertTrue(node.rss.growth() < 64L * MIB, "RSS grew by " + Report.mib(node.rss.growth()) + " MiB");
      assertTrue(probe.failures().isEmpty(), probe::toString);
      assertTrue(probe.maxMillis() < 1000, probe::toString);
    }
  }

  /**
   * One attacker: handshake with a random key, announce 16 MiB on stream 1 (no SYN), then send
   * them. Returns ms from the end of the handshake to the close, 0 if the handshake itself was
   * refused, -1 if the connection was still open at the end.
   */
  private static long announce16MiB(HostileNode node, long deadline) throws Exception {
    SecuredPeer peer;
    try {
      peer = PeerSocket.dial(ATTACKER, node.adminPort(), null).secureAsDialer(ClientIdentity.random(), null)
          .abandonAfter(Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(3));
    } catch (IOException refusedDuringHandshake) {
      return 0;
    }
    try (peer) {
      long secured = System.nanoTime();
      peer.startReading();
      byte[] chunk = new byte[60 * 1024];
      try {
        peer.send(FrameHeader.data(1, 0, 16 * MIB));
        for (int sent = 0; sent < 16 * MIB && !peer.isClosed() && System.nanoTime() < deadline; sent += chunk.length) {
          peer.sendYamuxBytes(chunk);
        }
      } catch (IOException closedWhileSending) {
        // the node closed it: what we want, timed below
      }
      if (!peer.awaitClosed(Duration.ofSeconds(2))) {
        return -1;
      }
      return (peer.closedAtNanos() - secured) / 1_000_000;
    }
  }

  /**
   * Opening and resetting thousands of streams, without a single request (so no key is needed
   * even when authorizedKeys is set): the churn limit closes the connection with GO_AWAY
   * PROTOCOL_ERROR, and another client's admin latency stays under 1 s.
   */
  @Test
  @Timeout(120)
  void streamChurnWithoutRequestsIsClosed() throws Exception {
    ClientIdentity user = ClientIdentity.random();
    try (HostileNode node = HostileNode.start(dir, Map.of())) {
      LegitProbe.timeOnce(() -> Legit.adminRequest(node, user));
      node.rss.markBaseline();
      int opened = 0;
      long churnMs;
      try (LegitProbe probe = LegitProbe.start("admin during churn", () -> Legit.adminRequest(node, user));
           SecuredPeer attacker = PeerSocket.dial(ATTACKER, node.adminPort(), null)
               .secureAsDialer(ClientIdentity.random(), null).abandonAfter(Duration.ofSeconds(20))) {
        attacker.startReading();
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(15).toNanos();
        try {
          while (opened < 50_000 && !attacker.isClosed() && System.nanoTime() < deadline) {
            opened += churn(attacker, 256);
          }
        } catch (IOException closedWhileSending) {
          // the node closed it
        }
        boolean closed = attacker.awaitClosed(Duration.ofSeconds(3));
        churnMs = (System.nanoTime() - started) / 1_000_000;
        probe.close();
        Report.line("admin-stream-churn", node.rss, node.rss.now(),
            closed ? "closed after " + opened + " streams, " + churnMs + " ms" : "never (" + opened + " streams)",
            probe.maxMillis());
        assertTrue(closed, "still open after " + opened + " opened and reset streams: " + attacker.describeEnd());
        assertEquals(GoAwayCode.PROTOCOL_ERROR.code(), attacker.goAwayCode(), attacker.describeEnd());
        assertTrue(probe.failures().isEmpty(), probe::toString);
        assertTrue(probe.maxMillis() < 1000, probe::toString);
      }
    }
  }

  /** {@code count} streams opened (WINDOW_UPDATE|SYN) and reset (RST) at once, in one write. */
  private static int churn(SecuredPeer attacker, int count) throws IOException {
    byte[] frames = new byte[count * 2 * FrameHeader.SIZE];
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.wrappedBuffer(frames).clear();
    for (int i = 0; i < count; i++) {
      long id = attacker.newStreamId();
      dev.axnode.yamux.FrameCodec.writeHeader(FrameHeader.windowUpdate(id, Flags.SYN, 0), out);
      dev.axnode.yamux.FrameCodec.writeHeader(FrameHeader.windowUpdate(id, Flags.RST, 0), out);
    }
    attacker.sendYamuxBytes(frames);
    return count;
  }

  /**
   * A secured connection that never opens a stream is closed after the admin API's
   * idleTimeoutMs; one holding an open stream is not.
   */
  @Test
  @Timeout(60)
  void idleSecuredConnectionsWithoutStreamsAreClosed() throws Exception {
    long idleMs = 1500;
    try (HostileNode node = HostileNode.start(dir, Map.of("admin-api", new JsonObject().put("idleTimeoutMs", idleMs)))) {
      node.rss.markBaseline();
      try (SecuredPeer idle = PeerSocket.dial(Legit.LOOPBACK, node.adminPort(), null)
               .secureAsDialer(ClientIdentity.random(), null);
           SecuredPeer busy = PeerSocket.dial(Legit.LOOPBACK, node.adminPort(), null)
               .secureAsDialer(ClientIdentity.random(), null)) {
        long secured = System.nanoTime();
        idle.startReading();
        busy.startReading();
        long stream = busy.openStream("/ax/admin/1.0.0", Legit.LIMIT);
        boolean closed = idle.awaitClosed(Duration.ofMillis(idleMs + 3000));
        long afterMs = ((closed ? idle.closedAtNanos() : System.nanoTime()) - secured) / 1_000_000;
        Report.line("admin-idle-secured", node.rss, node.rss.now(), closed ? afterMs + " ms" : "never", 0);
        assertTrue(closed, "an idle secured connection is still open after " + afterMs + " ms");
        assertTrue(afterMs >= idleMs - 100, "closed after " + afterMs + " ms, before the idle timeout of " + idleMs);
        JsonObject answer = busy.call(stream, new JsonObject().put("id", 1).put("method", "settings.scopes")
            .put("params", new JsonObject()), Legit.LIMIT);
        assertEquals("OK", answer.getString("code"), answer::encode);
      }
    }
  }
}
