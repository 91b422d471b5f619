package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Replaces the running instance of verticle {@code name}, make-before-break.
 *
 * @param name      logical verticle name
 * @param jarPath   a jar on the node's file system to load the implementation from, or null for the built-in one
 * @param className the implementation class, or null for the jar manifest's {@code Ax-Verticle} (or the built-in class)
 * @param config    configuration merged over the current one, or null to keep it
 */
public record SwapRequest(String name, String jarPath, String className, JsonObject config) {

  public static final class Codec extends JsonMessageCodec<SwapRequest> {
    public Codec() {
      super("ax.SwapRequest");
    }

    @Override
    protected JsonObject toJson(SwapRequest m) {
      return new JsonObject().put("name", m.name()).put("jarPath", m.jarPath())
          .put("className", m.className()).put("config", m.config());
    }

    @Override
    protected SwapRequest fromJson(JsonObject json) {
      return new SwapRequest(json.getString("name"), json.getString("jarPath"),
          json.getString("className"), json.getJsonObject("config"));
    }

    @Override
    public SwapRequest transform(SwapRequest m) {
      return new SwapRequest(m.name(), m.jarPath(), m.className(), m.config() == null ? null : m.config().copy());
    }
  }
}
