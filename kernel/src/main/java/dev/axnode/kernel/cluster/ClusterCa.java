package dev.axnode.kernel.cluster;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The node's cluster CA: ECDSA P-256 keys and certificates made with BouncyCastle.
 *
 * <p>P-256 with ECDSA-SHA256, because every TLS 1.3 stack (BoringSSL through netty-tcnative,
 * the JDK) accepts it for both server and client authentication; Ed25519 certificates are
 * not accepted by every engine for client auth. Member certificates carry the member's
 * cluster host as SAN (IP or DNS name) and both server and client auth, as each member is
 * both on the event bus.
 */
public final class ClusterCa {

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration MEMBER_VALIDITY = Duration.ofDays(825);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate cert;
  private final PrivateKey key;

  private ClusterCa(X509Certificate cert, PrivateKey key) {
    this.cert = cert;
    this.key = key;
  }

  /** A new CA with a fresh P-256 key; {@code clusterName} goes into its subject, for operators reading it. */
  public static ClusterCa create(String clusterName) throws GeneralSecurityException {
    KeyPair pair = newKeyPair();
    X500Name subject = new X500Name("CN=ax-node cluster CA " + clusterName);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(subject, subject, pair.getPublic(), CA_VALIDITY)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new ClusterCa(sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot make the cluster CA certificate: " + e.getMessage(), e);
    }
  }

  /** The CA of a certificate and key in PEM. */
  public static ClusterCa load(String certPem, String keyPem) throws GeneralSecurityException {
    return new ClusterCa(parseCert(certPem), parseKey(keyPem));
  }

  /** A member's certificate and key: {@code host} is its cluster host (an IP address or a DNS name). */
  public Member issue(String name, String host) throws GeneralSecurityException {
    KeyPair pair = newKeyPair();
    GeneralName san = isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
        : new GeneralName(GeneralName.dNSName, host);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()),
          new X500Name("CN=" + name), pair.getPublic(), MEMBER_VALIDITY)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
      return new Member(sign(builder, key), pair.getPrivate());
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot issue the member certificate: " + e.getMessage(), e);
    }
  }

  public String certPem() throws IOException {
    return pem(cert);
  }

  public String keyPem() throws IOException {
    return pkcs8Pem(key);
  }

  /** A member certificate and its key. */
  public record Member(X509Certificate cert, PrivateKey key) {
    public String certPem() throws IOException {
      return pem(cert);
    }

    public String keyPem() throws IOException {
      return pkcs8Pem(key);
    }
  }

  static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
    Instant now = Instant.now();
    // an hour back, so a member whose clock is slightly behind accepts a fresh certificate
    return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException, IOException {
    ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer);
    X509CertificateHolder holder = builder.build(contentSigner);
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
  }

  /** "PRIVATE KEY" (PKCS#8), the form both netty-tcnative and the JDK read; BouncyCastle would write SEC1 for EC. */
  private static String pkcs8Pem(PrivateKey key) throws IOException {
    try {
      return pem(new JcaPKCS8Generator(key, null).generate());
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IOException("cannot encode the private key: " + e.getMessage(), e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  private static X509Certificate parseCert(String pem) throws GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new GeneralSecurityException("not a PEM certificate");
      }
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
    } catch (IOException e) {
      throw new GeneralSecurityException("not a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey parseKey(String pem) throws GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof PrivateKeyInfo info)) {
        throw new GeneralSecurityException("not a PKCS#8 PEM private key");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw new GeneralSecurityException("not a PEM private key: " + e.getMessage(), e);
    }
  }
}
