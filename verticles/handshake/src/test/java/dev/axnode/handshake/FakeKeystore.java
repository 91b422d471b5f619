package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.SecureRandom;

/** The keystore's two addresses, answered with a fresh in-memory Ed25519 key, so the handshake verticle can start. */
final class FakeKeystore {

  private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());

  Future<Void> register(Vertx vertx) {
    NodeId nodeId = NodeId.ofPublicKey(key.generatePublicKey().getEncoded());
    MessageConsumer<Object> identity = vertx.eventBus().consumer(Addresses.KEYSTORE_IDENTITY,
        m -> m.reply(new NodeIdentity(nodeId)));
    MessageConsumer<SignRequest> sign = vertx.eventBus().consumer(Addresses.KEYSTORE_SIGN,
        m -> m.reply(new Signature(LinkPeer.sign(key, m.body().purpose().signedMessage(m.body().input())))));
    return Future.all(identity.completion(), sign.completion()).mapEmpty();
  }
}
