package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Every verticle the registry knows, in deployment order. */
public record VerticleList(List<VerticleInfo> verticles) {

  public VerticleList {
    verticles = List.copyOf(verticles);
  }

  public JsonArray toJson() {
    JsonArray array = new JsonArray();
    verticles.forEach(v -> array.add(v.toJson()));
    return array;
  }

  public static final class Codec extends JsonMessageCodec<VerticleList> {
    public Codec() {
      super("ax.VerticleList");
    }

    @Override
    protected JsonObject toJson(VerticleList m) {
      return new JsonObject().put("verticles", m.toJson());
    }

    @Override
    protected VerticleList fromJson(JsonObject json) {
      return new VerticleList(json.getJsonArray("verticles").stream()
          .map(o -> VerticleInfo.fromJson((JsonObject) o)).toList());
    }
  }
}
