package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** Asks for the JSON schema of a top-level scope such as {@code com.actyx.os}. */
public record SettingsSchemaRequest(String scope) {

  public static final class Codec extends JsonMessageCodec<SettingsSchemaRequest> {
    public Codec() {
      super("ax.SettingsSchemaRequest");
    }

    @Override
    protected JsonObject toJson(SettingsSchemaRequest m) {
      return new JsonObject().put("scope", m.scope());
    }

    @Override
    protected SettingsSchemaRequest fromJson(JsonObject json) {
      return new SettingsSchemaRequest(json.getString("scope"));
    }
  }
}
