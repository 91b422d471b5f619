package dev.axnode.kernel.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLEngineOptions;

import java.io.IOException;
import java.util.Set;

/**
 * The clustered event bus's options: TLS 1.3 only, mutual authentication required, the
 * cluster CA as the only trust anchor, this member's certificate and key, on OpenSSL
 * (BoringSSL from netty-tcnative) where it loads.
 *
 * <p>Vert.x copies these options through their JSON form into the bus's server and client,
 * so only JSON-serialisable key and trust options (PEM values) survive; and it switches the
 * client's hostname verification off. Every member the CA certified is therefore trusted
 * alike, whatever host it answers on: the CA is the boundary, as any member may register
 * any address anyway.
 */
public final class ClusterBus {

  /** {@code -Dax.cluster.openssl=false} runs the bus on the JDK's engine (for comparing the two). */
  public static final String OPENSSL_PROPERTY = "ax.cluster.openssl";
  static final String TLS_1_3 = "TLSv1.3";

  private ClusterBus() {
  }

  /** The engine the bus uses: OpenSSL unless it cannot load here or the property turns it off. */
  public static SSLEngineOptions engine() {
    boolean wanted = !"false".equals(System.getProperty(OPENSSL_PROPERTY));
    return wanted && OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
  }

  /** "OpenSSL" or "JDK", as the start log line says. */
  public static String engineName(SSLEngineOptions engine) {
    return engine instanceof OpenSSLEngineOptions ? "OpenSSL" : "JDK";
  }

  /** The bus options of a member of {@code files}' cluster, bound to {@code host:port}. */
  public static EventBusOptions options(String host, int port, ClusterFiles files) throws IOException {
    return tls(new EventBusOptions(), files)
        .setHost(host)
        .setClusterPublicHost(host)
        .setPort(port);
  }

  /** Puts the cluster's TLS settings on {@code options}; also what a test's client uses to reach a member's bus. */
  public static EventBusOptions tls(EventBusOptions options, ClusterFiles files) throws IOException {
    return options
        .setSsl(true)
        // EventBusOptions trusts every certificate by default; only the cluster CA may
        .setTrustAll(false)
        .setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(Set.of(TLS_1_3))
        .setKeyCertOptions(new PemKeyCertOptions()
            .setKeyValue(Buffer.buffer(ClusterFiles.read(files.memberKey())))
            .setCertValue(Buffer.buffer(ClusterFiles.read(files.memberCert()))))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ClusterFiles.read(files.caCert()))))
        .setSslEngineOptions(engine());
  }
}
