package dev.axnode.securechannel.tls;

/** The TLS contract on the JDK's engine, the fallback where OpenSSL does not load. */
class JdkTlsChannelTest extends TlsChannelContract {
  @Override
  boolean openSsl() {
    return false;
  }
}
