package dev.axnode.kernel.message;

import dev.axnode.kernel.keys.NodeId;
import io.vertx.core.json.JsonObject;

/** The node's public identity, as the keystore answers it. */
public record NodeIdentity(NodeId nodeId) {

  public static final class Codec extends JsonMessageCodec<NodeIdentity> {
    public Codec() {
      super("ax.NodeIdentity");
    }

    @Override
    protected JsonObject toJson(NodeIdentity m) {
      return new JsonObject().put("publicKey", m.nodeId().publicKey());
    }

    @Override
    protected NodeIdentity fromJson(JsonObject json) {
      return new NodeIdentity(NodeId.ofPublicKey(json.getBinary("publicKey")));
    }
  }
}
