package dev.axnode.securechannel.tls;

/** The TLS contract on OpenSSL (BoringSSL through netty-tcnative), the engine the node uses. */
class OpenSslTlsChannelTest extends TlsChannelContract {
  @Override
  boolean openSsl() {
    return true;
  }
}
