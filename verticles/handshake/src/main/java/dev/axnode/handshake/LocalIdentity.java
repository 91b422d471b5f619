package dev.axnode.handshake;

import dev.axnode.securechannel.SecurityProtocol;
import dev.axnode.securechannel.tls.TlsSecurity;
import java.util.List;

/**
 * What this node shows in every handshake, made once at start so no handshake waits for the
 * keystore: the security protocols it offers, in the configured order (Noise with its X25519
 * static key and signed payload; TLS with its certificate, whose key the keystore signed),
 * and the TLS contexts to free at stop (null when TLS is not offered).
 */
record LocalIdentity(List<SecurityProtocol> protocols, TlsSecurity tls, String nodeId) {
}
