package dev.axnode.deploy;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.protocols.Identify;
import dev.axnode.securechannel.protocols.IdentifyMessage;
import dev.axnode.securechannel.protocols.Perf;
import dev.axnode.securechannel.protocols.Ping;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.securechannel.tls.LocalCertificate;
import dev.axnode.securechannel.tls.SignedKey;
import dev.axnode.securechannel.tls.TlsSecurity;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A libp2p peer on plain TCP without pnet, built from the node's own libraries: libp2p TLS on
 * OpenSSL, yamux, and ping, perf and identify served. It lets the TLS code meet js-libp2p where
 * the node itself always runs pnet below.
 */
final class TlsWirePeer implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
  final NodeId id = NodeId.ofPublicKey(key.generatePublicKey().getEncoded());
  private final TlsSecurity tls;
  final StreamProtocols protocols;
  final CompletableFuture<SecureChannel> inbound = new CompletableFuture<>();
  private NetServer server;

  TlsWirePeer() throws Exception {
    KeyPair certKey = LocalCertificate.generateKey();
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    byte[] message = SignedKey.signedMessage(certKey.getPublic().getEncoded());
    signer.update(message, 0, message.length);
    tls = TlsSecurity.create(LocalCertificate.build(certKey,
        SignedKey.ofEd25519(key.generatePublicKey().getEncoded(), signer.generateSignature())), true);
    protocols = new StreamProtocols((millis, task) -> {
      long timer = vertx.setTimer(millis, t -> task.run());
      return () -> vertx.cancelTimer(timer);
    }, StreamProtocols.DEFAULT_NEGOTIATION_TIMEOUT_MILLIS, StreamProtocols.DEFAULT_MAX_NEGOTIATION_BYTES);
    protocols.register(Ping.PROTOCOL_ID, Ping.responder());
    protocols.register(Perf.PROTOCOL_ID, Perf.server());
    protocols.register(Identify.PROTOCOL_ID, Identify.responder(() -> new IdentifyMessage(
        IdentifyMessage.encodePublicKey(id), List.of(), List.copyOf(protocols.protocolIds()), null,
        IdentifyMessage.PROTOCOL_VERSION, "ax-tls-wire-peer/0")));
  }

  /** Listens on 127.0.0.1, port chosen by the OS; the first secured inbound channel completes {@link #inbound}. */
  int listen() throws Exception {
    server = vertx.createNetServer().connectHandler(socket -> attach(socket, false, null, inbound));
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  CompletableFuture<SecureChannel> dial(int port, NodeId expected) {
    CompletableFuture<SecureChannel> secured = new CompletableFuture<>();
    context.runOnContext(v -> vertx.createNetClient().connect(port, "127.0.0.1")
        .onSuccess(socket -> attach(socket, true, expected, secured))
        .onFailure(secured::completeExceptionally));
    return secured;
  }

  /** Runs {@code action} on the peer's event loop, where its channels live. */
  <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().whenComplete((r, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(r);
      }
    }));
    return result;
  }

  private void attach(NetSocket socket, boolean dialer, NodeId expected, CompletableFuture<SecureChannel> secured) {
    SecureChannel channel = new SecureChannel(dialer, List.of(tls), expected, new SecureChannel.Events() {
      @Override
      public void toNetwork(ByteBuf bytes) {
        socket.write(Buffers.buffer(bytes));
      }

      @Override
      public void secured(SecureChannel c) {
        secured.complete(c);
      }

      @Override
      public void stream(SecureChannel c, YamuxStream stream) {
        protocols.accept(stream);
      }

      @Override
      public void closed(SecureChannel c, String error) {
        secured.completeExceptionally(new IllegalStateException("channel closed: " + error));
        socket.close();
      }
    });
    socket.handler(buffer -> channel.fromNetwork(Buffers.byteBuf(buffer)));
    socket.closeHandler(v -> channel.networkClosed(null));
    channel.start();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    tls.release();
  }
}
