package dev.axnode.adminapi;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.securechannel.protocols.StreamProtocols;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real secure-API client for tests, as the CLI would be: a Vert.x socket carrying the
 * dialer side of a {@link SecureChannel}, with its own Ed25519 key. Every method is safe to
 * call from the test thread; the channel runs on the client's own event-loop context.
 */
final class AdminTestClient implements SecureChannel.Events {

  private io.vertx.core.net.NetClient netClient;
  static final long WAIT_SECONDS = 15;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Context context;
  private final Ed25519PrivateKeyParameters key;
  private final Promise<Void> secured = Promise.promise();
  private final Promise<String> closed = Promise.promise();
  private final StreamProtocols protocols = new StreamProtocols();
  private NetSocket socket;
  private SecureChannel channel;
  private long securedAt;

  private AdminTestClient(Context context, Ed25519PrivateKeyParameters key) {
    this.context = context;
    this.key = key;
  }

  static Ed25519PrivateKeyParameters newKey() {
    return new Ed25519PrivateKeyParameters(RANDOM);
  }

  /** The key as the node sees it: {@code 0} ‖ base64 of the public key. */
  static String keyText(Ed25519PrivateKeyParameters key) {
    return NodeId.ofPublicKey(key.generatePublicKey().getEncoded()).toKeyText();
  }

  /** Connects to 127.0.0.1 and completes the handshake, or fails the test. */
  static AdminTestClient connect(Vertx vertx, int port, Ed25519PrivateKeyParameters key) {
    return await(tryConnect(vertx, "127.0.0.1", port, key, null));
  }

  /**
   * Connects to {@code host} from {@code localAddress} (null: any) and completes the handshake;
   * fails if the node closes the connection first.
   */
  static Future<AdminTestClient> tryConnect(Vertx vertx, String host, int port, Ed25519PrivateKeyParameters key,
                                            String localAddress) {
    AdminTestClient client = new AdminTestClient(vertx.getOrCreateContext(), key);
    // Held in a field: Vert.x closes a NetClient (and its connections) once it is garbage.
    client.netClient = vertx.createNetClient(new NetClientOptions().setLocalAddress(localAddress));
    client.context.runOnContext(v -> client.netClient.connect(port, host)
        .onSuccess(client::start)
        .onFailure(client.secured::tryFail));
    return client.secured.future().map(client);
  }

  /** When the handshake completed on this side ({@link System#nanoTime()}). */
  long securedAtNanos() {
    return securedAt;
  }

  private void start(NetSocket socket) {
    this.socket = socket;
    X25519KeyPair staticKeys = X25519KeyPair.generate(RANDOM);
    byte[] input = NoiseIdentity.signingInput(staticKeys.publicKey());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(input, 0, input.length);
    byte[] payload = NoiseIdentity.signedPayload(staticKeys.publicKey(), key.generatePublicKey().getEncoded(),
        signer.generateSignature());
    channel = new SecureChannel(true, staticKeys, payload, null, this);
    socket.handler(data -> channel.fromNetwork(Buffers.byteBuf(data)));
    socket.closeHandler(v -> channel.networkClosed(null));
    channel.start();
  }

  /** Opens a stream and negotiates {@code /ax/admin/1.0.0} on it. */
  TestStream openStream() {
    return await(tryOpenStream());
  }

  /** Opens a stream; fails if the node refuses or resets it. */
  Future<TestStream> tryOpenStream() {
    Promise<TestStream> opened = Promise.promise();
    context.runOnContext(v -> protocols.open(channel.session(), AdminStream.PROTOCOL).whenComplete((negotiated, error) -> {
      if (error != null) {
        opened.fail(error);
      } else {
        opened.complete(new TestStream(context, negotiated.stream(), negotiated.leftover()));
      }
    }));
    return opened.future();
  }

  /** Stops reading the socket, as a client that does not take its answers. */
  void pauseReading() {
    Promise<Void> paused = Promise.promise();
    context.runOnContext(v -> {
      socket.pause();
      paused.complete();
    });
    await(paused.future());
  }

  void resumeReading() {
    context.runOnContext(v -> socket.resume());
  }

  /** Completes with the error (null: clean) once the connection ended. */
  Future<String> closedFuture() {
    return closed.future();
  }

  void close() {
    context.runOnContext(v -> {
      if (channel != null) {
        channel.close();
      }
    });
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("nothing happened within " + WAIT_SECONDS + " s", e);
    }
  }

  @Override
  public void toNetwork(ByteBuf bytes) {
    socket.write(Buffers.buffer(bytes));
  }

  @Override
  public void secured(SecureChannel channel) {
    securedAt = System.nanoTime();
    secured.tryComplete();
  }

  @Override
  public void stream(SecureChannel channel, YamuxStream stream) {
    stream.reset();
  }

  @Override
  public void closed(SecureChannel channel, String error) {
    secured.tryFail("connection closed: " + error);
    closed.tryComplete(error);
    socket.close();
  }
}
