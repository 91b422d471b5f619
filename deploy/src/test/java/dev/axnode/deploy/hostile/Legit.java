package dev.axnode.deploy.hostile;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/** What a legitimate user does, from 127.0.0.1, each on a connection of its own. */
final class Legit {

  static final String LOOPBACK = "127.0.0.1";
  static final Duration LIMIT = Duration.ofSeconds(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Legit() {
  }

  /** A fresh secure-API connection and one {@code settings.get}: an {@code ax settings get … --local /ip4/…}. */
  static void adminRequest(HostileNode node, ClientIdentity client) throws IOException {
    try (SecuredPeer peer = PeerSocket.dial(LOOPBACK, node.adminPort(), null).secureAsDialer(client, null)) {
      peer.startReading();
      JsonObject answer = peer.adminCall("settings.get",
          new JsonObject().put("scope", "com.actyx.os/general/displayName"), LIMIT);
      if (!"OK".equals(answer.getString("code"))) {
        throw new IOException("admin request refused: " + answer.encode());
      }
    }
  }

  /** A fresh swarm connection with the key and one ping on it: a peer joining the swarm. */
  static void swarmPing(HostileNode node) throws IOException {
    try (SecuredPeer peer = securedSwarmPeer(node, ClientIdentity.random(), LOOPBACK)) {
      peer.startReading();
      long stream = peer.openStream("/ipfs/ping/1.0.0", LIMIT);
      byte[] ping = new byte[32];
      RANDOM.nextBytes(ping);
      peer.sendData(stream, ping);
      if (!Arrays.equals(ping, peer.readStream(stream, ping.length, LIMIT))) {
        throw new IOException("the ping came back changed");
      }
    }
  }

  /** GET /api/v1/node answering OK. */
  static void httpInspect(HostileNode node) throws Exception {
    node.inspect();
  }

  static SecuredPeer securedSwarmPeer(HostileNode node, ClientIdentity identity, String sourceIp) throws IOException {
    PeerSocket socket = PeerSocket.dial(sourceIp, node.swarmPort(), node.swarmKey);
    try {
      return socket.secureAsDialer(identity, null);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }
}
