package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Checks a peer's libp2p TLS certificate chain and finds its peer ID, as the spec says:
 * exactly one certificate, valid now, self-signed, no critical extension but the libp2p one
 * (which may be critical or not), and the libp2p extension's signature over the certificate
 * key made by the peer's identity key.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/tls/tls.md#peer-authentication
 */
public final class PeerCertificates {

  private PeerCertificates() {
  }

  /** The verified peer ID of {@code chain}; throws, saying why, when the chain is refused. */
  public static NodeId verify(X509Certificate[] chain, Date now) throws TlsException {
    if (chain == null || chain.length != 1) {
      throw new TlsException("a libp2p peer presents exactly one certificate, got "
          + (chain == null ? 0 : chain.length));
    }
    X509Certificate cert = chain[0];
    try {
      cert.checkValidity(now);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new TlsException("the peer's certificate is not valid now (" + cert.getNotBefore() + " to "
          + cert.getNotAfter() + ")");
    }
    try {
      cert.verify(cert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new TlsException("the peer's certificate is not validly self-signed: " + e.getMessage());
    }
    Set<String> critical = cert.getCriticalExtensionOIDs();
    if (critical != null) {
      for (String oid : critical) {
        if (!oid.equals(SignedKey.OID.getId())) {
          throw new TlsException("the peer's certificate has an unknown critical extension " + oid);
        }
      }
    }
    return signedKey(cert).verify(subjectPublicKeyInfo(cert));
  }

  /** The peer ID a certificate names, without verifying it (for a chain {@link #verify} accepted). */
  public static NodeId peerOf(X509Certificate cert) throws TlsException {
    return NodeId.ofPublicKey(signedKey(cert).ed25519Key());
  }

  private static SignedKey signedKey(X509Certificate cert) throws TlsException {
    byte[] extension = cert.getExtensionValue(SignedKey.OID.getId());
    if (extension == null) {
      throw new TlsException("the peer's certificate has no libp2p key extension (" + SignedKey.OID + ")");
    }
    try {
      return SignedKey.decode(ASN1OctetString.getInstance(extension).getOctets());
    } catch (IllegalArgumentException e) {
      throw new TlsException("malformed libp2p key extension: " + e.getMessage());
    }
  }

  /** The certificate key as the certificate encodes it: what the identity key signed. */
  static byte[] subjectPublicKeyInfo(X509Certificate cert) throws TlsException {
    try {
      SubjectPublicKeyInfo spki = Certificate.getInstance(cert.getEncoded()).getSubjectPublicKeyInfo();
      return spki.getEncoded("DER");
    } catch (Exception e) {
      throw new TlsException("cannot read the peer's certificate key: " + e.getMessage());
    }
  }
}
