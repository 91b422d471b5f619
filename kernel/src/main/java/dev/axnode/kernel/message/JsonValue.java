package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Any JSON value: a JsonObject, JsonArray, String, Number, Boolean or null. Settings
 * replies use it because a value at a scope can be any of these.
 */
public record JsonValue(Object value) {

  public static final class Codec extends JsonMessageCodec<JsonValue> {
    public Codec() {
      super("ax.JsonValue");
    }

    @Override
    protected JsonObject toJson(JsonValue m) {
      return new JsonObject().put("value", m.value());
    }

    @Override
    protected JsonValue fromJson(JsonObject json) {
      return new JsonValue(json.getValue("value"));
    }

    @Override
    public JsonValue transform(JsonValue m) {
      return new JsonValue(copyJson(m.value()));
    }
  }
}
