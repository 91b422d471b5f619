package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** Removes the value at {@code scope}, so its default applies again. */
public record SettingsUnset(String scope) {

  public static final class Codec extends JsonMessageCodec<SettingsUnset> {
    public Codec() {
      super("ax.SettingsUnset");
    }

    @Override
    protected JsonObject toJson(SettingsUnset m) {
      return new JsonObject().put("scope", m.scope());
    }

    @Override
    protected SettingsUnset fromJson(JsonObject json) {
      return new SettingsUnset(json.getString("scope"));
    }
  }
}
