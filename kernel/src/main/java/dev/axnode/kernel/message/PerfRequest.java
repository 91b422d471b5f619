package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Runs {@code /perf/1.0.0} against the peer at {@code multiaddr} (dialing it when not yet
 * connected): upload {@code uploadBytes}, then download {@code downloadBytes}. Replies a
 * {@link JsonValue} object with byte counts, seconds and MB/s each way. {@code runId}, when
 * not null, names the run for {@link SwarmProgressRequest}s while it lasts.
 */
public record PerfRequest(String multiaddr, long uploadBytes, long downloadBytes, String runId) {

  public PerfRequest(String multiaddr, long uploadBytes, long downloadBytes) {
    this(multiaddr, uploadBytes, downloadBytes, null);
  }

  public static final class Codec extends JsonMessageCodec<PerfRequest> {
    public Codec() {
      super("ax.PerfRequest");
    }

    @Override
    protected JsonObject toJson(PerfRequest m) {
      return new JsonObject().put("multiaddr", m.multiaddr()).put("uploadBytes", m.uploadBytes())
          .put("downloadBytes", m.downloadBytes()).put("runId", m.runId());
    }

    @Override
    protected PerfRequest fromJson(JsonObject json) {
      return new PerfRequest(json.getString("multiaddr"), json.getLong("uploadBytes"), json.getLong("downloadBytes"),
          json.getString("runId"));
    }
  }
}
