package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keystore's answer to a {@link PayloadSeal}: {@code nonce ‖ ciphertext ‖ tag} of each
 * payload, in the request's order. The arrays are handed over with the message, as there.
 */
public record PayloadsSealed(List<byte[]> sealed) {

  public PayloadsSealed {
    sealed = List.copyOf(sealed);
  }

  /** {@code {"items":[sealed]}} (standard base64), the answer to a JSON request. */
  public JsonObject toJson() {
    JsonArray items = new JsonArray(new ArrayList<>(sealed.size()));
    sealed.forEach(bytes -> items.add(Base64.getEncoder().encodeToString(bytes)));
    return new JsonObject().put("items", items);
  }

  /** Wire form: {@link #toJson()}. */
  public static final class Codec extends JsonMessageCodec<PayloadsSealed> {
    public Codec() {
      super("ax.PayloadsSealed");
    }

    @Override
    protected JsonObject toJson(PayloadsSealed m) {
      return m.toJson();
    }

    @Override
    protected PayloadsSealed fromJson(JsonObject json) {
      JsonArray items = json.getJsonArray("items");
      List<byte[]> sealed = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        sealed.add(Base64.getDecoder().decode(items.getString(i)));
      }
      return new PayloadsSealed(sealed);
    }
  }
}
