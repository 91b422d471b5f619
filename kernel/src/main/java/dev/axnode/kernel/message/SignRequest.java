package dev.axnode.kernel.message;

import io.vertx.core.json.JsonObject;

/**
 * Asks the keystore to sign with the node's Ed25519 key for a {@link SignPurpose}: the
 * keystore signs the message that purpose defines for {@code input}
 * ({@link SignPurpose#signedMessage}), never {@code input} as it is. A request with no
 * purpose, a purpose the keystore does not know, or an input of the wrong length is refused
 * with ERR_INVALID_INPUT. A local receiver gets its own copy of {@code input} (the codec copies it).
 */
public record SignRequest(SignPurpose purpose, byte[] input) {

  /** Asks for the signature of a libp2p Noise handshake's 32-byte X25519 static public key. */
  public static SignRequest noiseStaticKey(byte[] x25519StaticPublic) {
    return new SignRequest(SignPurpose.NOISE_STATIC_KEY, x25519StaticPublic);
  }

  /** Asks for the signature of a libp2p TLS certificate key (its 91-byte DER SubjectPublicKeyInfo, ECDSA P-256). */
  public static SignRequest tlsCertKey(byte[] subjectPublicKeyInfo) {
    return new SignRequest(SignPurpose.TLS_CERT_KEY, subjectPublicKeyInfo);
  }

  /** Asks for the signature of a block of the node's own events (its 32-byte digest). */
  public static SignRequest eventBlock(byte[] blockDigest) {
    return new SignRequest(SignPurpose.EVENT_BLOCK, blockDigest);
  }

  /** Wire form {@code {"purpose":"NOISE_STATIC_KEY","input":"<base64>"}}; an unknown purpose decodes as null. */
  public static final class Codec extends JsonMessageCodec<SignRequest> {
    public Codec() {
      super("ax.SignRequest");
    }

    @Override
    protected JsonObject toJson(SignRequest m) {
      return new JsonObject().put("purpose", m.purpose() == null ? null : m.purpose().name()).put("input", m.input());
    }

    @Override
    protected SignRequest fromJson(JsonObject json) {
      return new SignRequest(SignPurpose.byName(json.getString("purpose")), json.getBinary("input"));
    }

    @Override
    public SignRequest transform(SignRequest m) {
      return new SignRequest(m.purpose(), m.input() == null ? null : m.input().clone());
    }
  }
}
