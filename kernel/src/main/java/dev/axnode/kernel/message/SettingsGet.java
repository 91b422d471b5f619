package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Reads the settings at {@code scope} ({@code .} for the root, {@code com.actyx.os/general/displayName}
 * for a value), with defaults filled in unless {@code noDefaults}.
 */
public record SettingsGet(String scope, boolean noDefaults) {

  public static final class Codec extends JsonMessageCodec<SettingsGet> {
    public Codec() {
      super("ax.SettingsGet");
    }

    @Override
    protected JsonObject toJson(SettingsGet m) {
      return new JsonObject().put("scope", m.scope()).put("noDefaults", m.noDefaults());
    }

    @Override
    protected SettingsGet fromJson(JsonObject json) {
      return new SettingsGet(json.getString("scope"), json.getBoolean("noDefaults", false));
    }
  }
}
