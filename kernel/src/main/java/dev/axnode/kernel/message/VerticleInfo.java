package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * One deployed verticle as the registry lists it.
 *
 * @param name           logical name (keystore, settings, admin-api …)
 * @param implementation class name of the running implementation
 * @param version        implementation version (its jar manifest, else the node's)
 * @param deploymentId   Vert.x deployment id
 * @param state          DEPLOYING, RUNNING, DRAINING, UNDEPLOYED or FAILED
 * @param source         "built-in" or the jar it was loaded from
 * @param member         the JVM of the node it runs on
 */
public record VerticleInfo(String name, String implementation, String version, String deploymentId,
                           String state, String source, Member member) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("implementation", implementation).put("version", version)
        .put("deploymentId", deploymentId).put("state", state).put("source", source)
        .put("member", member == null ? null : member.toJson());
  }

  public static VerticleInfo fromJson(JsonObject json) {
    return new VerticleInfo(json.getString("name"), json.getString("implementation"), json.getString("version"),
        json.getString("deploymentId"), json.getString("state"), json.getString("source"),
        Member.fromJson(json.getJsonObject("member")));
  }

  public static final class Codec extends JsonMessageCodec<VerticleInfo> {
    public Codec() {
      super("ax.VerticleInfo");
    }

    @Override
    protected JsonObject toJson(VerticleInfo m) {
      return m.toJson();
    }

    @Override
    protected VerticleInfo fromJson(JsonObject json) {
      return VerticleInfo.fromJson(json);
    }
  }
}
