package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Published after a change was persisted: the scope that was written and the whole
 * settings tree with defaults filled in ({@code {"com.actyx.os": {…}}}). Every local receiver
 * gets its own copy of {@code settings} (the codec's transform).
 */
public record SettingsChanged(String scope, JsonObject settings) {

  public static final class Codec extends JsonMessageCodec<SettingsChanged> {
    public Codec() {
      super("ax.SettingsChanged");
    }

    @Override
    protected JsonObject toJson(SettingsChanged m) {
      return new JsonObject().put("scope", m.scope()).put("settings", m.settings());
    }

    @Override
    protected SettingsChanged fromJson(JsonObject json) {
      return new SettingsChanged(json.getString("scope"), json.getJsonObject("settings"));
    }

    @Override
    public SettingsChanged transform(SettingsChanged m) {
      return new SettingsChanged(m.scope(), m.settings() == null ? null : m.settings().copy());
    }
  }
}
