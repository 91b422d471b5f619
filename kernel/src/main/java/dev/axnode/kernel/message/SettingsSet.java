package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** Replaces the value at {@code scope} with {@code value} (any JSON value). */
public record SettingsSet(String scope, Object value) {

  public static final class Codec extends JsonMessageCodec<SettingsSet> {
    public Codec() {
      super("ax.SettingsSet");
    }

    @Override
    protected JsonObject toJson(SettingsSet m) {
      return new JsonObject().put("scope", m.scope()).put("value", m.value());
    }

    @Override
    protected SettingsSet fromJson(JsonObject json) {
      return new SettingsSet(json.getString("scope"), json.getValue("value"));
    }

    @Override
    public SettingsSet transform(SettingsSet m) {
      return new SettingsSet(m.scope(), copyJson(m.value()));
    }
  }
}
