package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.security.SecureRandom;

/**
 * The node's side of the secure API's Noise handshakes: one X25519 static key per verticle
 * instance, signed once by the keystore with the node's identity (the private key never
 * leaves the keystore), as the handshake verticle does for swarm connections.
 */
record SecureIdentity(X25519KeyPair staticKeys, byte[] signedPayload) {

  static Future<SecureIdentity> create(Vertx vertx) {
    X25519KeyPair staticKeys = X25519KeyPair.generate(new SecureRandom());
    byte[] staticPublic = staticKeys.publicKey();
    Future<NodeIdentity> node = BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null,
        BusRequests.START_TIMEOUT_MS);
    Future<Signature> signature = BusRequests.request(vertx, Addresses.KEYSTORE_SIGN,
        SignRequest.noiseStaticKey(staticPublic), BusRequests.START_TIMEOUT_MS);
    return Future.all(node, signature).map(v -> new SecureIdentity(staticKeys,
        NoiseIdentity.signedPayload(staticPublic, node.result().nodeId().publicKey(), signature.result().bytes())));
  }
}
