package dev.axnode.securechannel.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.securechannel.SecurityProtocol;
import dev.axnode.securechannel.noise.NoiseSecurity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.securechannel.tls.TlsPeers.Identity;
import dev.axnode.securechannel.tls.TlsPeers.Pair;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The libp2p TLS contract, run on each engine (OpenSSL, the JDK's) by a subclass. */
abstract class TlsChannelContract {

  private final Identity alice = Identity.random();
  private final Identity bob = Identity.random();
  private TlsSecurity aliceTls;
  private TlsSecurity bobTls;

  abstract boolean openSsl();

  TlsSecurity tls(LocalCertificate certificate) throws SSLException {
    TlsSecurity security = TlsSecurity.create(certificate, openSsl());
    assertEquals(openSsl() ? TlsSecurity.Engine.OPENSSL : TlsSecurity.Engine.JDK, security.engine());
    return security;
  }

  @AfterEach
  void release() {
    if (aliceTls != null) {
      aliceTls.release();
    }
    if (bobTls != null) {
      bobTls.release();
    }
  }

  private Pair pair(LocalCertificate aliceCert, LocalCertificate bobCert, Identity expected) throws SSLException {
    aliceTls = tls(aliceCert);
    bobTls = tls(bobCert);
    return new Pair(List.of(aliceTls), expected == null ? null : expected.nodeId(), List.of(noise(), bobTls));
  }

  private static SecurityProtocol noise() {
    return new NoiseSecurity(X25519KeyPair.generate(new SecureRandom()), new byte[0]);
  }

  @Test
  void securesBothWaysWithYamuxAgreedInTheHandshake() throws Exception {
    Pair pair = pair(alice.certificate(), bob.certificate(), bob);
    assertTrue(pair.dialer.secured, String.valueOf(pair.dialer.closedWith));
    assertTrue(pair.listener.secured, String.valueOf(pair.listener.closedWith));
    assertEquals(bob.nodeId(), pair.dialer.channel.remotePeer());
    assertEquals(alice.nodeId(), pair.listener.channel.remotePeer());
    assertEquals(TlsSecurity.ID, pair.listener.channel.securityProtocol());

    byte[] payload = new byte[300_000];
    new SecureRandom().nextBytes(payload);
    YamuxStream out = pair.dialer.channel.session().openStream();
    out.write(Unpooled.wrappedBuffer(payload));
    out.closeWrite();
    pair.pump();
    assertEquals(1, pair.listener.streams.size());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    YamuxStream in = pair.listener.streams.get(0);
    in.handler(b -> {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      received.writeBytes(bytes);
      in.consumed(bytes.length);
    });
    pair.pump();
    assertArrayEquals(payload, received.toByteArray());
  }

  @Test
  void refusesAPeerOtherThanTheDialedOne() throws Exception {
    Pair pair = pair(alice.certificate(), bob.certificate(), Identity.random());
    assertFalse(pair.dialer.secured);
    assertTrue(pair.dialer.closed);
    assertTrue(pair.dialer.closedWith.contains("not the dialed"), pair.dialer.closedWith);
  }

  @Test
  void refusesACertificateSignedByAnotherKey() throws Exception {
    Identity mallory = Identity.random();
    Pair pair = pair(alice.certificate(), bob.certificate(mallory), null);
    assertFalse(pair.dialer.secured);
    assertTrue(pair.dialer.closedWith.contains("signature does not verify"), pair.dialer.closedWith);
  }

  @Test
  void theListenerRefusesAClientCertificateSignedByAnotherKey() throws Exception {
    Pair pair = pair(alice.certificate(Identity.random()), bob.certificate(), bob);
    assertFalse(pair.listener.secured);
    assertTrue(pair.listener.closedWith.contains("signature does not verify"), pair.listener.closedWith);
    assertTrue(pair.dialer.closed || !pair.dialer.secured || pair.dialer.closedWith == null);
  }

  @Test
  void aDialerOfferingTlsThenNoiseFallsBackToNoise() throws Exception {
    aliceTls = tls(alice.certificate());
    Pair pair = new Pair(List.of(aliceTls, noise()), null, List.of(noise()));
    assertEquals(NoiseSecurity.ID, pair.dialer.channel.securityProtocol());
  }
}
