package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/** Asks the keystore to sign {@code payload} with the node's Ed25519 key. The sender must not change the array afterwards. */
public record SignRequest(byte[] payload) {

  public static final class Codec extends JsonMessageCodec<SignRequest> {
    public Codec() {
      super("ax.SignRequest");
    }

    @Override
    protected JsonObject toJson(SignRequest m) {
      return new JsonObject().put("payload", m.payload());
    }

    @Override
    protected SignRequest fromJson(JsonObject json) {
      return new SignRequest(json.getBinary("payload"));
    }
  }
}
