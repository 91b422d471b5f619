package dev.axnode.deploy.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure by default: with authorizedKeys empty the secure API serves only loopback clients
 * (protected mode) until the operator opens it with {@code --admin-open}; and the HTTP API
 * refuses a DNS-rebinding request (a foreign Host) before it reads any setting.
 */
class ProtectedModeIT {

  @TempDir
  Path dir;

  /** A non-loopback address of this machine: traffic to it stays on the machine, but the node sees a LAN client. */
  private static Optional<String> nonLoopbackAddress() throws Exception {
    return NetworkInterface.networkInterfaces()
        .filter(nic -> {
          try {
            return nic.isUp() && !nic.isLoopback();
          } catch (java.net.SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .map(InetAddress::getHostAddress)
        .findFirst();
  }

  @Test
  @Timeout(120)
  void aNonLoopbackClientIsRefusedInProtectedModeUntilTheAdminApiIsOpened() throws Exception {
    Optional<String> lan = nonLoopbackAddress();
    assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to play a LAN client from");
    String address = lan.get();
    JsonObject answer;
    long closedMs;
    try (HostileNode node = HostileNode.start(dir, Map.of())) {
      node.rss.markBaseline();
      try (SecuredPeer stranger = PeerSocket.dial(address, address, node.adminPort(), null)
          .secureAsDialer(ClientIdentity.random(), null)) {
        stranger.startReading();
        answer = stranger.adminCall("settings.get", new JsonObject().put("scope", "com.actyx.os/general/swarmKey"),
            Legit.LIMIT);
        long answered = System.nanoTime();
        boolean closed = stranger.awaitClosed(Duration.ofSeconds(2));
        closedMs = closed ? (stranger.closedAtNanos() - answered) / 1_000_000 : -1;
        Report.line("protected-mode from " + address, node.rss, node.rss.now(),
            closed ? "closed " + closedMs + " ms after the answer" : "never closed", 0);
      }
    }
    assertEquals("ERR_UNAUTHORIZED", answer.getString("code"), answer::encode);
    assertTrue(answer.getString("message", "").contains("protected mode"), answer::encode);
    assertTrue(closedMs >= 0 && closedMs < 1000, "closed " + closedMs + " ms after the refusal (-1: never)");

    try (HostileNode open = HostileNode.start(dir.resolve("open"), Map.of(), "--admin-open");
         SecuredPeer client = PeerSocket.dial(address, address, open.adminPort(), null)
             .secureAsDialer(ClientIdentity.random(), null)) {
      client.startReading();
      JsonObject served = client.adminCall("settings.get",
          new JsonObject().put("scope", "com.actyx.os/general/displayName"), Legit.LIMIT);
      assertEquals("OK", served.getString("code"), served::encode);
    }
  }

  /** A page whose name resolves to 127.0.0.1 (DNS rebinding) reads nothing: 403, and no swarm key. */
  @Test
  @Timeout(60)
  void aForeignHostIsRefusedBeforeAnySettingIsRead() throws Exception {
    try (HostileNode node = HostileNode.start(dir, Map.of());
         Socket socket = new Socket("127.0.0.1", node.process.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /api/v1/settings?scope=. HTTP/1.1\r\nHost: evil.test\r\nOrigin: http://evil.test\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(response.startsWith("HTTP/1.1 403"), response);
      assertTrue(response.contains("ERR_UNAUTHORIZED"), response);
      assertFalse(response.contains(node.swarmKey.toSettingValue()), "the swarm key leaked: " + response);
      assertFalse(response.toLowerCase(java.util.Locale.ROOT).contains("access-control-allow"), response);
    }
  }
}
