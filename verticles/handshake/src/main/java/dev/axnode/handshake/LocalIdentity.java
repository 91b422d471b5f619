package dev.axnode.handshake;

import dev.axnode.securechannel.noise.X25519KeyPair;

/**
 * What this node shows in every Noise handshake: its X25519 static key (one per handshake
 * verticle instance) and the payload carrying its Ed25519 identity key and the keystore's
 * signature over that static key. Made once at start, so no handshake waits for the keystore.
 */
record LocalIdentity(X25519KeyPair staticKeys, byte[] signedPayload, String nodeId) {
}
