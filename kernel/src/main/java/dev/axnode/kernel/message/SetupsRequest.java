package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Measures connection setups against the peer at {@code multiaddr} (which names its
 * {@code /p2p/} peer) for {@code seconds}: round after round a new connection through the
 * transport (TCP, pnet, Noise, yamux), one ping on a new stream, then the connection closed
 * and gone before the next round. Replies a {@link JsonValue} object: count, seconds,
 * perSecond, medianMs, p90Ms, failures, lastError, peerId. {@code runId}, when not null,
 * names the run for {@link SwarmProgressRequest}s while it lasts.
 */
public record SetupsRequest(String multiaddr, int seconds, String runId) {

  public static final int DEFAULT_SECONDS = 10;
  public static final int MAX_SECONDS = 300;

  public SetupsRequest(String multiaddr, int seconds) {
    this(multiaddr, seconds, null);
  }

  public static final class Codec extends JsonMessageCodec<SetupsRequest> {
    public Codec() {
      super("ax.SetupsRequest");
    }

    @Override
    protected JsonObject toJson(SetupsRequest m) {
      return new JsonObject().put("multiaddr", m.multiaddr()).put("seconds", m.seconds()).put("runId", m.runId());
    }

    @Override
    protected SetupsRequest fromJson(JsonObject json) {
      return new SetupsRequest(json.getString("multiaddr"), json.getInteger("seconds"), json.getString("runId"));
    }
  }
}
