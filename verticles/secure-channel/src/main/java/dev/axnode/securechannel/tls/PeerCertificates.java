package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.util.Properties;

/**
 * Checks a peer's libp2p TLS certificate chain and finds its peer ID, as the spec says:
 * exactly one certificate, valid now, self-signed, no critical extension but the libp2p one
 * (which may be critical or not), and the libp2p extension's signature over the certificate
 * key made by the peer's identity key.
 *
 * <p>Certificates are read from their DER bytes with BouncyCastle, not through the JDK's
 * X509Certificate methods: js-libp2p's certificates have an empty issuer and subject, which the
 * JDK refuses to parse ("Empty issuer DN not allowed"), and the engines hand the trust manager
 * certificates that parse only when first asked.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/tls/tls.md#peer-authentication
 */
public final class PeerCertificates {

  private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

  private PeerCertificates() {
  }

  /** The verified peer ID of {@code chain}; throws, saying why, when the chain is refused. */
  public static NodeId verify(X509Certificate[] chain, Date now) throws TlsException {
    if (chain == null || chain.length != 1) {
      throw new TlsException("a libp2p peer presents exactly one certificate, got "
          + (chain == null ? 0 : chain.length));
    }
    X509CertificateHolder cert = parse(chain[0]);
    if (!cert.isValidOn(now)) {
      throw new TlsException("the peer's certificate is not valid now (" + cert.getNotBefore() + " to "
          + cert.getNotAfter() + ")");
    }
    try {
      if (!cert.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey(cert)))) {
        throw new TlsException("the peer's certificate is not validly self-signed");
      }
    } catch (CertException | OperatorCreationException e) {
      throw new TlsException("the peer's certificate is not validly self-signed: " + e.getMessage());
    }
    Extensions extensions = cert.getExtensions();
    if (extensions != null) {
      for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
        if (!oid.equals(SignedKey.OID)) {
          throw new TlsException("the peer's certificate has an unknown critical extension " + oid);
        }
      }
    }
    return signedKey(cert).verify(subjectPublicKeyInfo(cert));
  }

  /** The peer ID a certificate names, without verifying it (for a chain {@link #verify} accepted). */
  public static NodeId peerOf(X509Certificate cert) throws TlsException {
    return NodeId.ofPublicKey(signedKey(parse(cert)).ed25519Key());
  }

  private static X509CertificateHolder parse(X509Certificate cert) throws TlsException {
    // libp2p certificates are self-signed and trusted by their extension, not their names: an
    // empty issuer (js-libp2p's) is fine here. A thread-local override, so nothing else is lenient.
    boolean overridden = Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
    try {
      return new X509CertificateHolder(cert.getEncoded());
    } catch (CertificateEncodingException | IOException | RuntimeException e) {
      throw new TlsException("the peer's certificate does not parse: " + e.getMessage());
    } finally {
      if (!overridden) {
        Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
      }
    }
  }

  /** The certificate key for the JDK's providers, which know key algorithms by name, not by OID. */
  private static PublicKey publicKey(X509CertificateHolder cert) throws TlsException {
    String oid = cert.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
    String algorithm = switch (oid) {
      case "1.2.840.10045.2.1" -> "EC";
      case "1.3.101.112" -> "Ed25519";
      case "1.2.840.113549.1.1.1" -> "RSA";
      default -> throw new TlsException("the peer's certificate key has an unsupported algorithm " + oid);
    };
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(cert)));
    } catch (GeneralSecurityException e) {
      throw new TlsException("the peer's certificate key does not decode: " + e.getMessage());
    }
  }

  private static SignedKey signedKey(X509CertificateHolder cert) throws TlsException {
    Extension extension = cert.getExtension(SignedKey.OID);
    if (extension == null) {
      throw new TlsException("the peer's certificate has no libp2p key extension (" + SignedKey.OID + ")");
    }
    return SignedKey.decode(extension.getExtnValue().getOctets());
  }

  /** The certificate key as the certificate encodes it: what the identity key signed. */
  private static byte[] subjectPublicKeyInfo(X509CertificateHolder cert) throws TlsException {
    try {
      return cert.getSubjectPublicKeyInfo().getEncoded("DER");
    } catch (IOException e) {
      throw new TlsException("cannot read the peer's certificate key: " + e.getMessage());
    }
  }
}
