package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The libp2p public key extension of a TLS certificate: the host's identity key and its
 * signature over the certificate's key.
 *
 * <pre>
 *   OID 1.3.6.1.4.1.53594.1.1
 *   SignedKey ::= SEQUENCE {
 *     publicKey OCTET STRING,   -- PublicKey protobuf: 08 01 12 20 ‖ 32-byte Ed25519 key
 *     signature OCTET STRING }  -- Ed25519 over "libp2p-tls-handshake:" ‖ DER SubjectPublicKeyInfo
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/tls/tls.md#libp2p-public-key-extension
 */
public record SignedKey(byte[] publicKey, byte[] signature) {

  public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.53594.1.1");
  public static final String SIGNATURE_PREFIX = "libp2p-tls-handshake:";
  /** PublicKey protobuf of an Ed25519 key: KeyType (field 1) = 1, Data (field 2) of 32 bytes. */
  private static final byte[] ED25519_PROTOBUF_PREFIX = {0x08, 0x01, 0x12, 0x20};

  /** The extension's DER value (what goes inside the extension's OCTET STRING). */
  public byte[] encode() {
    try {
      return new DERSequence(new ASN1Encodable[] {new DEROctetString(publicKey), new DEROctetString(signature)})
          .getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding in memory failed", e);
    }
  }

  /** A SignedKey for the node's Ed25519 key. */
  public static SignedKey ofEd25519(byte[] ed25519PublicKey, byte[] signature) {
    if (ed25519PublicKey.length != NodeId.KEY_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    byte[] proto = Arrays.copyOf(ED25519_PROTOBUF_PREFIX, ED25519_PROTOBUF_PREFIX.length + NodeId.KEY_LENGTH);
    System.arraycopy(ed25519PublicKey, 0, proto, ED25519_PROTOBUF_PREFIX.length, NodeId.KEY_LENGTH);
    return new SignedKey(proto, signature.clone());
  }

  /** Parses the extension's DER value: exactly a SEQUENCE of two OCTET STRINGs. */
  public static SignedKey decode(byte[] der) throws TlsException {
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      if (seq.size() != 2) {
        throw new TlsException("the libp2p key extension has " + seq.size() + " fields, not 2");
      }
      return new SignedKey(ASN1OctetString.getInstance(seq.getObjectAt(0)).getOctets(),
          ASN1OctetString.getInstance(seq.getObjectAt(1)).getOctets());
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new TlsException("malformed libp2p key extension: " + e.getMessage());
    }
  }

  /** The bytes the identity key signs for a certificate key. */
  public static byte[] signedMessage(byte[] subjectPublicKeyInfo) {
    byte[] prefix = SIGNATURE_PREFIX.getBytes(StandardCharsets.US_ASCII);
    byte[] message = Arrays.copyOf(prefix, prefix.length + subjectPublicKeyInfo.length);
    System.arraycopy(subjectPublicKeyInfo, 0, message, prefix.length, subjectPublicKeyInfo.length);
    return message;
  }

  /**
   * Verifies the signature over {@code subjectPublicKeyInfo} and returns the signer's peer ID.
   *
   * @throws TlsException for a key type other than Ed25519 or a signature that does not verify
   */
  public NodeId verify(byte[] subjectPublicKeyInfo) throws TlsException {
    byte[] key = ed25519Key();
    Ed25519PublicKeyParameters params;
    try {
      params = new Ed25519PublicKeyParameters(key, 0);
    } catch (IllegalArgumentException e) {
      throw new TlsException("the libp2p key extension's Ed25519 key is not a valid point");
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, params);
    byte[] message = signedMessage(subjectPublicKeyInfo);
    verifier.update(message, 0, message.length);
    if (!verifier.verifySignature(signature)) {
      throw new TlsException("the libp2p key extension's signature does not verify over the certificate key");
    }
    return NodeId.ofPublicKey(key);
  }

  /**
   * The Ed25519 key in the PublicKey protobuf. The spec requires its deterministic
   * encoding, so an Ed25519 key has exactly one form.
   */
  byte[] ed25519Key() throws TlsException {
    boolean ed25519 = publicKey.length == ED25519_PROTOBUF_PREFIX.length + NodeId.KEY_LENGTH
        && Arrays.equals(publicKey, 0, ED25519_PROTOBUF_PREFIX.length, ED25519_PROTOBUF_PREFIX, 0,
            ED25519_PROTOBUF_PREFIX.length);
    if (!ed25519) {
      String type = publicKey.length >= 2 && publicKey[0] == 0x08 ? "type " + publicKey[1] : "an undecodable key";
      throw new TlsException("the libp2p key extension carries " + type + ", only Ed25519 (type 1) is accepted");
    }
    return Arrays.copyOfRange(publicKey, ED25519_PROTOBUF_PREFIX.length, publicKey.length);
  }
}
