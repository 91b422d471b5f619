package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A request to the keystore ({@code ax.keystore.payloads.seal}) to seal payloads of one
 * family under one key epoch, each with its associated data (the event's header); answered
 * by {@link PayloadsSealed} in the same order. The JSON request
 * {@code {"semantics","keyEpoch","items":[{"aad","plaintext"}]}} (base64) stays accepted.
 *
 * <p>Ownership as with {@link EventsPublish}: the sender hands the arrays over and never
 * writes them again, so a local receiver gets the same instance. Sent as a {@code JsonObject},
 * a batch of 100 payloads went through base64 both ways and Vert.x's deep copy of the JSON
 * on the local bus, which made a sealed batch cost ~1.4× a plain one.
 */
public record PayloadSeal(String semantics, int keyEpoch, List<byte[]> aads, List<byte[]> plaintexts) {

  /** Standard base64 with padding, as the keystore's JSON requests have always used. */
  private static final Base64.Encoder B64 = Base64.getEncoder();

  public PayloadSeal {
    aads = List.copyOf(aads);
    plaintexts = List.copyOf(plaintexts);
    if (aads.size() != plaintexts.size()) {
      throw new IllegalArgumentException("one associated data per plaintext");
    }
  }

  /** The JSON form, which the keystore also accepts as a request. */
  public JsonObject toJson() {
    JsonArray items = new JsonArray(new ArrayList<>(aads.size()));
    for (int i = 0; i < aads.size(); i++) {
      items.add(new JsonObject().put("aad", B64.encodeToString(aads.get(i)))
          .put("plaintext", B64.encodeToString(plaintexts.get(i))));
    }
    return new JsonObject().put("semantics", semantics).put("keyEpoch", keyEpoch).put("items", items);
  }

  /** Wire form: {@link #toJson()}. */
  public static final class Codec extends JsonMessageCodec<PayloadSeal> {
    public Codec() {
      super("ax.PayloadSeal");
    }

    @Override
    protected JsonObject toJson(PayloadSeal m) {
      return m.toJson();
    }

    @Override
    protected PayloadSeal fromJson(JsonObject json) {
      JsonArray items = json.getJsonArray("items");
      List<byte[]> aads = new ArrayList<>(items.size());
      List<byte[]> plaintexts = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        aads.add(Base64.getDecoder().decode(item.getString("aad")));
        plaintexts.add(Base64.getDecoder().decode(item.getString("plaintext")));
      }
      return new PayloadSeal(json.getString("semantics"), json.getInteger("keyEpoch"), aads, plaintexts);
    }
  }
}
