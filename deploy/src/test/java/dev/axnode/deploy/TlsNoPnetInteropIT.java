package dev.axnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.protocols.Identify;
import dev.axnode.securechannel.protocols.IdentifyMessage;
import dev.axnode.securechannel.protocols.Perf;
import dev.axnode.securechannel.protocols.PerfResult;
import dev.axnode.securechannel.protocols.Ping;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libp2p TLS without pnet against js-libp2p's {@code @libp2p/tls}, both ways: the node's TLS
 * code (OpenSSL) on plain TCP in a {@link TlsWirePeer}, identify, ping and 10 MiB perf each way.
 * With pnet the node itself is tested in {@link TlsInteropIT}.
 */
class TlsNoPnetInteropIT {

  private static final long TEN_MIB = 10L << 20;

  @Test
  void theTlsCodeDialsJs() throws Exception {
    try (TlsWirePeer peer = new TlsWirePeer();
         JsPeer js = JsPeer.run("listen", "--port", "0", "--security", "tls")) {
      JsonObject listening = js.await("listening", 30);
      String address = listening.getJsonArray("addrs").stream().map(String::valueOf)
          .filter(a -> a.startsWith("/ip4/127.0.0.1/")).findFirst().orElseThrow();
      int port = Integer.parseInt(address.split("/")[4]);
      NodeId jsId = NodeId.parse(listening.getString("peerId"));
      SecureChannel channel = peer.dial(port, jsId).get(20, TimeUnit.SECONDS);
      assertEquals(jsId, channel.remotePeer());
      IdentifyMessage identify = peer.onLoop(() -> Identify.request(peer.protocols, channel.session(), jsId))
          .get(20, TimeUnit.SECONDS);
      assertTrue(identify.agentVersion().startsWith("js-libp2p/"), identify.agentVersion());
      peer.onLoop(() -> Ping.open(peer.protocols, channel.session()).thenCompose(p -> p.ping()))
          .get(20, TimeUnit.SECONDS);
      PerfResult perf = peer.onLoop(() -> Perf.run(peer.protocols, channel.session(), TEN_MIB, TEN_MIB))
          .get(120, TimeUnit.SECONDS);
      assertEquals(TEN_MIB, perf.uploadBytes());
      assertEquals(TEN_MIB, perf.downloadBytes());
      JsonObject connection = js.await("connection", 10);
      assertEquals("/tls/1.0.0", connection.getString("encryption"), connection.encode());
    }
  }

  @Test
  void jsDialsTheTlsCode() throws Exception {
    try (TlsWirePeer peer = new TlsWirePeer()) {
      int port = peer.listen();
      try (JsPeer js = JsPeer.run("dial", "/ip4/127.0.0.1/tcp/" + port + "/p2p/" + peer.id, "--security", "tls",
          "--ping", "3", "--perf-upload", String.valueOf(TEN_MIB), "--perf-download", String.valueOf(TEN_MIB),
          "--timeout-ms", "20000")) {
        JsonObject connected = js.await("connected", 30);
        assertEquals("/tls/1.0.0", connected.getString("encryption"), connected.encode());
        assertEquals(peer.id.toString(), js.await("identify", 30).getString("peerId"));
        js.await("ping", 20);
        JsonObject perf = js.await("perf", 120);
        assertEquals(TEN_MIB, perf.getLong("uploadBytes"));
        assertEquals(TEN_MIB, perf.getLong("downloadBytes"));
        js.await("done", 20);
        assertEquals(dev.axnode.securechannel.tls.TlsSecurity.ID, peer.inbound.get(5, TimeUnit.SECONDS).securityProtocol());
      }
    }
  }
}
