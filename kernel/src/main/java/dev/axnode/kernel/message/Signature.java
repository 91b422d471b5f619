package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** A 64-byte Ed25519 signature made by the keystore. */
public record Signature(byte[] bytes) {

  public static final class Codec extends JsonMessageCodec<Signature> {
    public Codec() {
      super("ax.Signature");
    }

    @Override
    protected JsonObject toJson(Signature m) {
      return new JsonObject().put("bytes", m.bytes());
    }

    @Override
    protected Signature fromJson(JsonObject json) {
      return new Signature(json.getBinary("bytes"));
    }

    @Override
    public Signature transform(Signature m) {
      return new Signature(m.bytes() == null ? null : m.bytes().clone());
    }
  }
}
