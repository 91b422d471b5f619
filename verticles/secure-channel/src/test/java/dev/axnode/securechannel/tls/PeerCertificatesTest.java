package dev.axnode.securechannel.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.securechannel.tls.TlsPeers.Identity;
import dev.axnode.kernel.keys.NodeId;
import io.netty.handler.ssl.util.LazyX509Certificate;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The spec's certificate rules, one refusal each, with the reason in the message. */
class PeerCertificatesTest {

  private final Identity alice = Identity.random();
  private final Date now = new Date();

  @Test
  void acceptsAValidCertificateAndNamesItsPeer() throws Exception {
    X509Certificate cert = alice.certificate().certificate();
    assertEquals(alice.nodeId(), PeerCertificates.verify(new X509Certificate[] {cert}, now));
    assertTrue(cert.getCriticalExtensionOIDs().contains(SignedKey.OID.getId()), "marked critical, as go and js do");
    assertEquals(91, cert.getPublicKey().getEncoded().length, "the TLS_CERT_KEY input length");
  }

  /**
   * A certificate js-libp2p made (empty issuer and subject, which the JDK's parser refuses),
   * handed over the way the engines do it: parsed only when first asked.
   */
  @Test
  void acceptsJsLibp2psCertificateWithEmptyNames() throws Exception {
    String pem = new String(getClass().getResourceAsStream("/tls/js-libp2p-cert.pem").readAllBytes(),
        StandardCharsets.US_ASCII);
    String peer = pem.substring(pem.indexOf("12D3KooW"), pem.indexOf('\n'));
    String base64 = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----") + 27, pem.indexOf("-----END"));
    X509Certificate cert = new LazyX509Certificate(Base64.getMimeDecoder().decode(base64));
    assertEquals(NodeId.parse(peer), PeerCertificates.verify(new X509Certificate[] {cert}, now));
    assertEquals(NodeId.parse(peer), PeerCertificates.peerOf(cert));
  }

  @Test
  void refusesAnExtensionSignedByAnotherKey() {
    X509Certificate cert = alice.certificate(Identity.random()).certificate();
    assertRefused(new X509Certificate[] {cert}, "signature does not verify");
  }

  @Test
  void refusesMoreThanOneCertificate() {
    X509Certificate cert = alice.certificate().certificate();
    assertRefused(new X509Certificate[] {cert, cert}, "exactly one certificate");
    assertRefused(new X509Certificate[0], "exactly one certificate");
  }

  @Test
  void refusesACertificateWithoutTheExtension() throws Exception {
    assertRefused(new X509Certificate[] {custom(false, false, now)}, "no libp2p key extension");
  }

  @Test
  void refusesAnUnknownCriticalExtension() throws Exception {
    assertRefused(new X509Certificate[] {custom(true, true, now)}, "unknown critical extension 2.5.29.19");
  }

  @Test
  void refusesAnExpiredCertificate() throws Exception {
    Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(30)));
    assertRefused(new X509Certificate[] {custom(true, false, longAgo)}, "not valid now");
  }

  @Test
  void refusesACertificateNotSignedByItsOwnKey() throws Exception {
    LocalCertificate other = alice.certificate();
    KeyPair key = LocalCertificate.generateKey();
    byte[] signature = alice.sign(SignedKey.signedMessage(key.getPublic().getEncoded()));
    X509v3CertificateBuilder builder = builder(key, Date.from(Instant.now().minus(Duration.ofHours(1))));
    builder.addExtension(SignedKey.OID, true, SignedKey.ofEd25519(alice.publicKey(), signature).encode());
    X509Certificate cert = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.key())));
    assertRefused(new X509Certificate[] {cert}, "not validly self-signed");
  }

  @Test
  void refusesAnIdentityKeyThatIsNotEd25519() {
    SignedKey secp256k1 = new SignedKey(new byte[] {0x08, 0x02, 0x12, 0x01, 0x00}, new byte[64]);
    TlsException e = assertThrows(TlsException.class, () -> secp256k1.verify(new byte[91]));
    assertTrue(e.getMessage().contains("type 2, only Ed25519"), e.getMessage());
  }

  /** A certificate of alice's, with or without the libp2p extension, optionally with a critical BasicConstraints. */
  private X509Certificate custom(boolean libp2p, boolean criticalBasicConstraints, Date notBefore) throws Exception {
    KeyPair key = LocalCertificate.generateKey();
    X509v3CertificateBuilder builder = builder(key, notBefore);
    if (libp2p) {
      byte[] signature = alice.sign(SignedKey.signedMessage(key.getPublic().getEncoded()));
      builder.addExtension(SignedKey.OID, true, SignedKey.ofEd25519(alice.publicKey(), signature).encode());
    } else {
      builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false, new DEROctetString(new byte[1]));
    }
    if (criticalBasicConstraints) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  private static X509v3CertificateBuilder builder(KeyPair key, Date notBefore) {
    X500Name name = new X500Name("CN=test");
    Date notAfter = Date.from(notBefore.toInstant().plus(Duration.ofDays(1)));
    return new JcaX509v3CertificateBuilder(name, BigInteger.TEN, notBefore, notAfter, name, key.getPublic());
  }

  private void assertRefused(X509Certificate[] chain, String reason) {
    TlsException e = assertThrows(TlsException.class, () -> PeerCertificates.verify(chain, now));
    assertTrue(e.getMessage().startsWith("tls: ") && e.getMessage().contains(reason), e.getMessage());
  }
}
