package dev.axnode.deploy.hostile;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.NoiseRole;
import dev.axnode.securechannel.noise.NoiseXXHandshake;
import dev.axnode.securechannel.noise.X25519KeyPair;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The identity an attack client shows the node: an Ed25519 identity key signing in-process and
 * a Noise static key. Every {@link #random()} identity is a new peer to the node, so budgets
 * keyed by peer cannot tell attackers apart.
 */
final class ClientIdentity {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Ed25519PrivateKeyParameters identityKey;
  private final X25519KeyPair staticKeys = X25519KeyPair.generate(RANDOM);

  private ClientIdentity(Ed25519PrivateKeyParameters identityKey) {
    this.identityKey = identityKey;
  }

  static ClientIdentity random() {
    return new ClientIdentity(new Ed25519PrivateKeyParameters(RANDOM));
  }

  NodeId nodeId() {
    return NodeId.ofPublicKey(identityKey.generatePublicKey().getEncoded());
  }

  /** The key as {@code authorizedKeys} and {@code ax swarms listKeys} show it: {@code 0} ‖ base64. */
  String keyText() {
    return nodeId().toKeyText();
  }

  NoiseXXHandshake handshake(NoiseRole role, NodeId expectedRemote) {
    byte[] publicKey = identityKey.generatePublicKey().getEncoded();
    byte[] input = NoiseIdentity.signingInput(staticKeys.publicKey());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, identityKey);
    signer.update(input, 0, input.length);
    byte[] payload = NoiseIdentity.signedPayload(staticKeys.publicKey(), publicKey, signer.generateSignature());
    return new NoiseXXHandshake(role, staticKeys, payload, expectedRemote);
  }
}
