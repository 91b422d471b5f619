package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;

/**
 * A libp2p peer that stands where the psk layer would: it talks to the handshake verticle
 * over the two links of one connection, through the event bus as psk does. It decides
 * itself when to give credit back for what the handshake layer sends down, so a test can
 * play a peer that stops reading. Create and use it on one Vert.x context.
 */
final class LinkPeer implements SecureChannel.Events {

  static final String STAGE = "test";

  final String id;
  private final Vertx vertx;
  private final LinkSender up;
  private final LinkReceiver down;
  private final SecureChannel channel;
  private final Promise<Void> secured = Promise.promise();
  private final Promise<LinkEnd> ended = Promise.promise();
  private boolean reading = true;
  private long bytesDown;
  private long unacknowledged;

  LinkPeer(Vertx vertx, String id) {
    this.vertx = vertx;
    this.id = id;
    up = new LinkSender(vertx, LinkAddress.of(id, SecureConnection.STAGE, Direction.UP), 1L << 40);
    down = new LinkReceiver(vertx, LinkAddress.of(id, STAGE, Direction.DOWN), SecureConnection.WINDOW);
    down.handler(this::fromNode).endHandler(ended::tryComplete);
    SecureRandom random = new SecureRandom();
    Ed25519PrivateKeyParameters identity = new Ed25519PrivateKeyParameters(random);
    X25519KeyPair staticKeys = X25519KeyPair.generate(random);
    byte[] payload = NoiseIdentity.signedPayload(staticKeys.publicKey(), identity.generatePublicKey().getEncoded(),
        sign(identity, NoiseIdentity.signingInput(staticKeys.publicKey())));
    channel = new SecureChannel(true, staticKeys, payload, null, this);
  }

  static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** Asks the handshake layer to join, as psk does, without sending anything yet. */
  Future<Void> join() {
    return Future.all(up.ready(), down.ready())
        .compose(v -> BusRequests.request(vertx, Addresses.HANDSHAKE_OPEN,
            new ConnectionOpen(id, false, "/ip4/127.0.0.1/tcp/4001", null, STAGE)))
        .mapEmpty();
  }

  /** {@link #join}, then the Noise handshake as the dialer; completes once secured. */
  Future<Void> connect() {
    return join().compose(v -> {
      channel.start();
      return secured.future();
    });
  }

  private void fromNode(Buffer data) {
    bytesDown += data.length();
    channel.fromNetwork(Buffers.byteBuf(data));
    if (reading) {
      down.consumed(data.length());
    } else {
      unacknowledged += data.length();
    }
  }

  /** Stops giving credit back: the node's link down stays full, as behind a socket nobody reads. */
  void stopReading() {
    reading = false;
  }

  /** Gives back the credit held since {@link #stopReading} and reads on. */
  void resumeReading() {
    reading = true;
    down.consumed(unacknowledged);
    unacknowledged = 0;
  }

  long bytesDown() {
    return bytesDown;
  }

  /** Ends our side of the link up, as psk does when the socket closed. */
  void hangUp() {
    up.end(null);
  }

  Future<LinkEnd> ended() {
    return ended.future();
  }

  SecureChannel channel() {
    return channel;
  }

  NodeId remotePeer() {
    return channel.remotePeer();
  }

  @Override
  public void toNetwork(ByteBuf bytes) {
    up.write(Buffers.buffer(bytes));
  }

  @Override
  public void secured(SecureChannel channel) {
    secured.tryComplete();
  }

  @Override
  public void stream(SecureChannel channel, YamuxStream stream) {
    stream.reset();
  }

  @Override
  public void closed(SecureChannel channel, String error) {
    secured.tryFail(error == null ? "closed" : error);
  }
}
