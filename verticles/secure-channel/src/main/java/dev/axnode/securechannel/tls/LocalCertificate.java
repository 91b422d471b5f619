package dev.axnode.securechannel.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * This node's libp2p TLS certificate: a fresh ECDSA P-256 key per node start, self-signed,
 * carrying the {@link SignedKey} extension (first and only, marked critical as go and js
 * do) that binds it to the node's identity. The identity signature is made by the keystore
 * ({@code TLS_CERT_KEY}); nothing here sees the identity's private key. Key generation and
 * signing cost milliseconds: call these off the event loop.
 */
public record LocalCertificate(PrivateKey key, X509Certificate certificate) {

  /** Valid from an hour ago (clock skew) for 100 years, as go-libp2p and js-libp2p make theirs. */
  static final Duration BACKDATE = Duration.ofHours(1);
  static final Duration LIFETIME = Duration.ofDays(100 * 365);

  /** A fresh certificate key; its DER SubjectPublicKeyInfo is {@code getPublic().getEncoded()} (91 bytes). */
  public static KeyPair generateKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make ECDSA P-256 keys", e);
    }
  }

  /** The self-signed certificate of {@code key} carrying {@code signedKey}. */
  public static LocalCertificate build(KeyPair key, SignedKey signedKey) {
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=libp2p");
    BigInteger serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE);
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
        Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), name, key.getPublic());
    try {
      builder.addExtension(SignedKey.OID, true, signedKey.encode());
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
      return new LocalCertificate(key.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the libp2p TLS certificate", e);
    }
  }
}
