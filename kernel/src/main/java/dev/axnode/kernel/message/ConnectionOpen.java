package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Asks a layer verticle to take part in a new connection: register its links for
 * {@code connectionId}, open the layer above, then reply (empty) once bytes may flow.
 *
 * @param connectionId unique id of the connection, part of every link address
 * @param outbound     true when this node dialed
 * @param remoteAddress the peer's multiaddr as seen by the transport ({@code /ip4/…/tcp/…})
 * @param expectedPeer the peer ID the dialer asked for ({@code /p2p/…}), or null
 * @param below        the stage beneath this one, which receives the DOWN link ("transport", "psk")
 */
public record ConnectionOpen(String connectionId, boolean outbound, String remoteAddress, String expectedPeer,
                             String below) {

  public static final class Codec extends JsonMessageCodec<ConnectionOpen> {
    public Codec() {
      super("ax.ConnectionOpen");
    }

    @Override
    protected JsonObject toJson(ConnectionOpen m) {
      return new JsonObject().put("connectionId", m.connectionId()).put("outbound", m.outbound())
          .put("remoteAddress", m.remoteAddress()).put("expectedPeer", m.expectedPeer()).put("below", m.below());
    }

    @Override
    protected ConnectionOpen fromJson(JsonObject json) {
      return new ConnectionOpen(json.getString("connectionId"), json.getBoolean("outbound"),
          json.getString("remoteAddress"), json.getString("expectedPeer"), json.getString("below"));
    }
  }
}
