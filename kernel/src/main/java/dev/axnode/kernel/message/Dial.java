package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Asks the transport to connect to {@code multiaddr} ({@code /ip4/…/tcp/…[/p2p/…]}); replies
 * {@link ConnectionInfo} once secured. Every dial opens a new connection, even to a peer
 * already connected: reusing one is the caller's choice.
 */
public record Dial(String multiaddr) {

  public static final class Codec extends JsonMessageCodec<Dial> {
    public Codec() {
      super("ax.Dial");
    }

    @Override
    protected JsonObject toJson(Dial m) {
      return new JsonObject().put("multiaddr", m.multiaddr());
    }

    @Override
    protected Dial fromJson(JsonObject json) {
      return new Dial(json.getString("multiaddr"));
    }
  }
}
