package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Asks how far the perf or setups run named {@code runId} (the id its request carried) has
 * got. Replies a {@link JsonValue}: null while no such run is in progress (not yet started,
 * or over), else an object with {@code kind} ({@code "perf"} or {@code "setups"}),
 * {@code elapsedSeconds} and the kind's own figures: for perf {@code uploadBytes},
 * {@code uploadedBytes}, {@code downloadBytes}, {@code downloadedBytes}; for setups
 * {@code seconds}, {@code count}, {@code failures}.
 */
public record SwarmProgressRequest(String runId) {

  /** A run id is a client's random token: short, so a request cannot make the node hold much. */
  public static final int MAX_RUN_ID_LENGTH = 64;

  public static final class Codec extends JsonMessageCodec<SwarmProgressRequest> {
    public Codec() {
      super("ax.SwarmProgressRequest");
    }

    @Override
    protected JsonObject toJson(SwarmProgressRequest m) {
      return new JsonObject().put("runId", m.runId());
    }

    @Override
    protected SwarmProgressRequest fromJson(JsonObject json) {
      return new SwarmProgressRequest(json.getString("runId"));
    }
  }
}
