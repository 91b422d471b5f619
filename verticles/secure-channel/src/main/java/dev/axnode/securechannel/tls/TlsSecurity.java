package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.SecurityProtocol;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /tls/1.0.0}: TLS 1.3 with mutual authentication by libp2p certificates, ALPN
 * {@code libp2p} with the stream muxer inlined ({@code /yamux/1.0.0} offered first), on
 * OpenSSL (BoringSSL through netty-tcnative) where it loads, else on the JDK's engine.
 * Holds the two contexts (client, server) of one node start; {@link #release()} frees them.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/tls/tls.md
 */
public final class TlsSecurity implements SecurityProtocol {

  public static final String ID = "/tls/1.0.0";
  /** The ALPN protocol every libp2p TLS peer offers; a muxer ID before it inlines muxer negotiation. */
  public static final String ALPN_LIBP2P = "libp2p";
  private static final Logger LOG = LoggerFactory.getLogger(TlsSecurity.class);

  /** Which TLS implementation runs the connections. */
  public enum Engine { OPENSSL, JDK }

  private final SslContext client;
  private final SslContext server;
  private final Engine engine;

  private TlsSecurity(SslContext client, SslContext server, Engine engine) {
    this.client = client;
    this.server = server;
    this.engine = engine;
  }

  /**
   * Contexts for {@code certificate} on OpenSSL when {@code preferOpenSsl} and it loads, else
   * on the JDK (with a WARN saying why). Loading OpenSSL may unpack a native library: call
   * this off the event loop.
   */
  public static TlsSecurity create(LocalCertificate certificate, boolean preferOpenSsl) throws SSLException {
    Engine engine = Engine.JDK;
    if (preferOpenSsl && OpenSsl.isAvailable()) {
      engine = Engine.OPENSSL;
    } else if (preferOpenSsl) {
      LOG.warn("libp2p TLS: OpenSSL (netty-tcnative) is unavailable, using the JDK's TLS engine: {}",
          String.valueOf(OpenSsl.unavailabilityCause()));
    }
    SslProvider provider = engine == Engine.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    SslContext server = configure(SslContextBuilder.forServer(certificate.key(), certificate.certificate()), provider)
        .clientAuth(ClientAuth.REQUIRE).build();
    SslContext client;
    try {
      // libp2p peers are named by their key, never by a host name: no endpoint identification (Netty 4.2 turns it on)
      client = configure(SslContextBuilder.forClient().keyManager(certificate.key(), certificate.certificate())
          .endpointIdentificationAlgorithm(null), provider).build();
    } catch (SSLException | RuntimeException e) {
      ReferenceCountUtil.release(server);
      throw e;
    }
    LOG.info("libp2p TLS engine: {}", engine == Engine.OPENSSL ? OpenSsl.versionString() : "JDK "
        + Runtime.version());
    return new TlsSecurity(client, server, engine);
  }

  private static SslContextBuilder configure(SslContextBuilder builder, SslProvider provider) {
    return builder.sslProvider(provider)
        .protocols("TLSv1.3")
        .trustManager(new Libp2pTrustManager())
        .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
            SecureChannel.YAMUX, ALPN_LIBP2P));
  }

  @Override
  public String id() {
    return ID;
  }

  public Engine engine() {
    return engine;
  }

  /**
   * No SNI and no host name check: the engine is made without a peer host. OpenSSL's engine is
   * taken from a (never used) handler: only that way is it made without the JDK compatibility
   * mode, which limits every wrap and unwrap to one record and makes the caller keep partial
   * records; without it one call encrypts or decrypts as many records as the buffers hold.
   */
  @Override
  public Session open(boolean dialer, NodeId expectedPeer, Sink sink) {
    SslContext context = dialer ? client : server;
    SSLEngine sslEngine = engine == Engine.OPENSSL
        ? context.newHandler(ByteBufAllocator.DEFAULT).engine()
        : context.newEngine(ByteBufAllocator.DEFAULT);
    return new TlsSession(sslEngine, dialer, expectedPeer, sink, engine == Engine.OPENSSL ? 4 : 1);
  }

  /** Frees the native contexts; sessions still open keep their own references. */
  public void release() {
    ReferenceCountUtil.release(client);
    ReferenceCountUtil.release(server);
  }
}
