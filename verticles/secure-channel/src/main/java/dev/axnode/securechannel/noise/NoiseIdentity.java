package dev.axnode.securechannel.noise;

import dev.axnode.kernel.keys.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Binds a Noise static key to a libp2p identity: what the identity key signs, the payload
 * that carries the signature, and its verification on the remote side.
 *
 * <pre>
 *   signed bytes  = ASCII "noise-libp2p-static-key:" ‖ 32-byte X25519 static public key
 *   identity_key  = PublicKey protobuf = 08 01 (KeyType Ed25519) 12 20 ‖ 32-byte Ed25519 key
 *   identity_sig  = 64-byte Ed25519 signature over the signed bytes
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md#static-key-authentication
 * and https://github.com/libp2p/specs/blob/master/peer-ids/peer-ids.md#keys
 *
 * <p>The node signs once per static key, through the keystore; nothing here holds a private key.
 */
public final class NoiseIdentity {

  public static final String STATIC_KEY_PREFIX = "noise-libp2p-static-key:";

  /** PublicKey protobuf KeyType values (peer-ids spec); only Ed25519 is accepted. */
  private static final int KEY_TYPE_ED25519 = 1;
  private static final byte[] ED25519_PUBLIC_KEY_PREFIX = {0x08, 0x01, 0x12, 0x20};

  private NoiseIdentity() {
  }

  /** The bytes the identity key must sign for this static key. */
  public static byte[] signingInput(byte[] x25519StaticPublic) {
    if (x25519StaticPublic.length != X25519KeyPair.KEY_LENGTH) {
      throw new IllegalArgumentException("an X25519 public key has 32 bytes");
    }
    byte[] prefix = STATIC_KEY_PREFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] input = Arrays.copyOf(prefix, prefix.length + x25519StaticPublic.length);
    System.arraycopy(x25519StaticPublic, 0, input, prefix.length, x25519StaticPublic.length);
    return input;
  }

  /** The encoded payload without extensions (104 bytes). */
  public static byte[] signedPayload(byte[] x25519StaticPublic, byte[] ed25519PublicKey, byte[] signature) {
    return signedPayload(x25519StaticPublic, ed25519PublicKey, signature, List.of());
  }

  /**
   * The encoded payload, announcing {@code streamMuxers} for early muxer negotiation when not
   * empty. The signature is checked first, so a keystore answering with a signature over the
   * wrong bytes fails here rather than at every peer.
   *
   * @throws IllegalArgumentException if a key has the wrong size or the signature does not verify
   */
  public static byte[] signedPayload(byte[] x25519StaticPublic, byte[] ed25519PublicKey,
      byte[] signature, List<String> streamMuxers) {
    if (ed25519PublicKey.length != NodeId.KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    if (!verifySignature(ed25519PublicKey, signingInput(x25519StaticPublic), signature)) {
      throw new IllegalArgumentException("the signature does not verify over this static key");
    }
    return new NoiseHandshakePayload(encodePublicKey(ed25519PublicKey), signature, List.of(),
        streamMuxers).encode();
  }

  /** {@code 08 01 12 20 ‖ key}. */
  public static byte[] encodePublicKey(byte[] ed25519PublicKey) {
    byte[] encoded = Arrays.copyOf(ED25519_PUBLIC_KEY_PREFIX, ED25519_PUBLIC_KEY_PREFIX.length + 32);
    System.arraycopy(ed25519PublicKey, 0, encoded, ED25519_PUBLIC_KEY_PREFIX.length, 32);
    return encoded;
  }

  /**
   * Checks the remote's payload against the static key it used in the handshake.
   *
   * @return the remote's identity
   * @throws NoiseException if the key is not Ed25519 or the signature does not verify
   */
  public static NodeId verify(NoiseHandshakePayload payload, byte[] remoteStatic) throws NoiseException {
    byte[] ed25519 = decodeEd25519PublicKey(payload.identityKey());
    if (!verifySignature(ed25519, signingInput(remoteStatic), payload.identitySig())) {
      throw new NoiseException("invalid identity signature over the static key");
    }
    return NodeId.ofPublicKey(ed25519);
  }

  /** The 32 key bytes of a PublicKey protobuf, which must be of type Ed25519. */
  static byte[] decodeEd25519PublicKey(byte[] publicKeyProtobuf) throws NoiseException {
    if (publicKeyProtobuf.length == 0) {
      throw new NoiseException("payload has no identity key");
    }
    long type = -1;
    byte[] data = null;
    ProtoReader in = new ProtoReader(publicKeyProtobuf);
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | ProtoReader.VARINT)) {
        type = in.readVarint();
      } else if (tag == (2 << 3 | ProtoReader.LENGTH_DELIMITED)) {
        data = in.readBytes(NoiseHandshakePayload.MAX_IDENTITY_KEY, "identity key data");
      } else {
        in.skip(ProtoReader.wireType(tag));
      }
    }
    if (type != KEY_TYPE_ED25519) {
      throw new NoiseException(type < 0 ? "identity key has no type"
          : "unsupported identity key type " + type + ", only Ed25519 (1) is accepted");
    }
    if (data == null || data.length != NodeId.KEY_LENGTH) {
      throw new NoiseException("an Ed25519 identity key has 32 bytes, got "
          + (data == null ? 0 : data.length));
    }
    return data;
  }

  private static boolean verifySignature(byte[] ed25519PublicKey, byte[] message, byte[] signature) {
    Ed25519PublicKeyParameters key;
    try {
      key = new Ed25519PublicKeyParameters(ed25519PublicKey, 0);
    } catch (IllegalArgumentException e) {
      // not a point on the curve: nothing can verify under it
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
