package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import dev.axnode.securechannel.SecurityProtocol;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.NoiseSecurity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.securechannel.tls.LocalCertificate;
import dev.axnode.securechannel.tls.SignedKey;
import dev.axnode.securechannel.tls.TlsSecurity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the node's {@link LocalIdentity} at start: a fresh Noise static key and a fresh TLS
 * certificate key, each signed by the node's identity through the keystore (purposes
 * {@code NOISE_STATIC_KEY} and {@code TLS_CERT_KEY}); key generation, certificate building and
 * loading OpenSSL run on worker threads.
 */
final class IdentitySetup {

  /** Noise first: every libp2p implementation speaks it, and the node's admin API does too. */
  static final List<String> DEFAULT_SECURITY_PROTOCOLS = List.of(NoiseSecurity.ID, TlsSecurity.ID);

  private IdentitySetup() {
  }

  /** The configured order ({@code securityProtocols}), checked: known IDs, no repeats, not empty. */
  static List<String> order(JsonArray configured) throws AxException {
    if (configured == null) {
      return DEFAULT_SECURITY_PROTOCOLS;
    }
    List<String> order = new ArrayList<>();
    for (Object id : configured) {
      if (!DEFAULT_SECURITY_PROTOCOLS.contains(id) || order.contains(id)) {
        throw new AxException(ErrorCode.NODE_MISCONFIGURED, "handshake config securityProtocols: " + id
            + " is " + (order.contains(id) ? "listed twice" : "not one of " + DEFAULT_SECURITY_PROTOCOLS));
      }
      order.add((String) id);
    }
    if (order.isEmpty()) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, "handshake config securityProtocols is empty");
    }
    return order;
  }

  static Future<LocalIdentity> create(Vertx vertx, List<String> order, boolean preferOpenSsl) {
    Future<NodeIdentity> node = BusRequests.request(vertx, Addresses.KEYSTORE_IDENTITY, null,
        BusRequests.START_TIMEOUT_MS);
    Future<NoiseSecurity> noise = noise(vertx, node);
    Future<TlsSecurity> tls = order.contains(TlsSecurity.ID) ? tls(vertx, node, preferOpenSsl)
        : Future.succeededFuture();
    return Future.all(node, noise, tls).transform(ar -> {
      if (ar.failed()) {
        if (tls.succeeded() && tls.result() != null) {
          tls.result().release();
        }
        return Future.failedFuture(ar.cause());
      }
      List<SecurityProtocol> protocols = new ArrayList<>();
      for (String id : order) {
        protocols.add(id.equals(TlsSecurity.ID) ? tls.result() : noise.result());
      }
      return Future.succeededFuture(new LocalIdentity(List.copyOf(protocols), tls.result(),
          node.result().nodeId().toString()));
    });
  }

  private static Future<NoiseSecurity> noise(Vertx vertx, Future<NodeIdentity> node) {
    X25519KeyPair staticKeys = X25519KeyPair.generate(new SecureRandom());
    byte[] staticPublic = staticKeys.publicKey();
    Future<Signature> signature = BusRequests.request(vertx, Addresses.KEYSTORE_SIGN,
        SignRequest.noiseStaticKey(staticPublic), BusRequests.START_TIMEOUT_MS);
    return Future.all(node, signature).map(v -> new NoiseSecurity(staticKeys, NoiseIdentity.signedPayload(
        staticPublic, node.result().nodeId().publicKey(), signature.result().bytes())));
  }

  /** The certificate key is made on a worker, signed by the keystore, then the certificate and contexts built. */
  private static Future<TlsSecurity> tls(Vertx vertx, Future<NodeIdentity> node, boolean preferOpenSsl) {
    return vertx.executeBlocking(LocalCertificate::generateKey, false).compose(key -> {
      byte[] spki = key.getPublic().getEncoded();
      Future<Signature> signature = BusRequests.request(vertx, Addresses.KEYSTORE_SIGN, SignRequest.tlsCertKey(spki),
          BusRequests.START_TIMEOUT_MS);
      return Future.all(node, signature).compose(v -> vertx.executeBlocking(() ->
          build(key, spki, node.result().nodeId().publicKey(), signature.result().bytes(), preferOpenSsl), false));
    });
  }

  private static TlsSecurity build(KeyPair key, byte[] spki, byte[] identity, byte[] signature, boolean preferOpenSsl)
      throws Exception {
    SignedKey signedKey = SignedKey.ofEd25519(identity, signature);
    // a keystore answering with a signature over other bytes fails here, not at every peer
    signedKey.verify(spki);
    return TlsSecurity.create(LocalCertificate.build(key, signedKey), preferOpenSsl);
  }

}
