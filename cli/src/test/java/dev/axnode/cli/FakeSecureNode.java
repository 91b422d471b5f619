package dev.axnode.cli;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A stand-in for a node's secure admin API in tests: the real libp2p stack of the
 * secure-channel library as listener, and {@code /ax/admin/1.0.0} answered by a function.
 */
final class FakeSecureNode implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Ed25519PrivateKeyParameters key;
  private final Function<JsonObject, JsonObject> answer;
  private final NetServer server;
  final List<NodeId> clients = new CopyOnWriteArrayList<>();
  final List<JsonObject> requests = new CopyOnWriteArrayList<>();

  FakeSecureNode(int keySeed, Function<JsonObject, JsonObject> answer) throws Exception {
    this.key = TestKeys.privateKey(keySeed);
    this.answer = answer;
    this.server = vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get();
  }

  int port() {
    return server.actualPort();
  }

  String address() {
    return "/ip4/127.0.0.1/tcp/" + port();
  }

  NodeId nodeId() {
    return NodeId.ofPublicKey(key.generatePublicKey().getEncoded());
  }

  private void accept(NetSocket socket) {
    X25519KeyPair statics = X25519KeyPair.generate(new SecureRandom());
    byte[] input = NoiseIdentity.signingInput(statics.publicKey());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(input, 0, input.length);
    byte[] payload = NoiseIdentity.signedPayload(statics.publicKey(), key.generatePublicKey().getEncoded(),
        signer.generateSignature());
    StreamProtocols protocols = new StreamProtocols().register(SecureConnection.PROTOCOL, this::serve);
    SecureChannel channel = new SecureChannel(false, statics, payload, null, new SecureChannel.Events() {
      @Override
      public void toNetwork(ByteBuf bytes) {
        socket.write(Buffers.buffer(bytes));
      }

      @Override
      public void secured(SecureChannel secured) {
        clients.add(secured.remotePeer());
      }

      @Override
      public void stream(SecureChannel secured, YamuxStream stream) {
        protocols.accept(stream);
      }

      @Override
      public void closed(SecureChannel closed, String error) {
        socket.close();
      }
    });
    socket.handler(buffer -> channel.fromNetwork(Buffers.byteBuf(buffer)));
    socket.closeHandler(v -> channel.networkClosed(null));
    channel.start();
  }

  private void serve(YamuxStream stream, ByteBuf leftover) {
    AdminFrameCodec decoder = new AdminFrameCodec();
    Consumer<JsonObject> respond = request -> {
      requests.add(request);
      JsonObject response = answer.apply(request).copy().put("id", request.getValue("id"));
      stream.write(AdminFrameCodec.encode(response, UnpooledByteBufAllocator.DEFAULT));
    };
    stream.handler(bytes -> {
      int length = bytes.readableBytes();
      decoder.decode(bytes, respond);
      bytes.release();
      stream.consumed(length);
    });
    stream.endHandler(stream::closeWrite);
    decoder.decode(leftover, respond);
    leftover.release();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }
}
