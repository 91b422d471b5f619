package dev.axnode.kernel.registry;

import io.vertx.core.json.JsonObject;

/**
 * What to deploy under a logical name: an implementation class, from the node's class
 * path or from a jar, with its own configuration.
 */
public record VerticleSpec(String name, String className, String jarPath, JsonObject config) {

  public VerticleSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a verticle needs a name");
    }
    config = config == null ? new JsonObject() : config.copy();
  }

  public static VerticleSpec fromJson(JsonObject json) {
    return new VerticleSpec(json.getString("name"), json.getString("class"), json.getString("jar"),
        json.getJsonObject("config"));
  }

  public String source() {
    return jarPath == null ? "built-in" : jarPath;
  }
}
