package dev.axnode.handshake;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The handshake layer of one swarm connection: a {@link SecureChannel} between the links to
 * the layer below, with the handshake timeout. A handshake is temporary: on success it is
 * announced once through {@link Callbacks#secured}; any error ends the connection, reported once.
 */
final class SecureConnection implements SecureChannel.Events {

  static final long WINDOW = 1024 * 1024;
  static final String STAGE = "handshake";

  /** What the verticle hears from a connection. */
  interface Callbacks {
    void secured(SecureConnection connection);

    void stream(SecureConnection connection, YamuxStream stream);

    void closed(SecureConnection connection, String error);
  }

  private final Vertx vertx;
  private final ConnectionOpen open;
  private final Callbacks callbacks;
  private final LinkReceiver fromBelow;
  private final LinkSender toBelow;
  private final SecureChannel channel;
  private long timer = -1;

  SecureConnection(Vertx vertx, ConnectionOpen open, LocalIdentity identity, Callbacks callbacks) {
    this.vertx = vertx;
    this.open = open;
    this.callbacks = callbacks;
    fromBelow = new LinkReceiver(vertx, LinkAddress.of(open.connectionId(), STAGE, Direction.UP), WINDOW);
    toBelow = new LinkSender(vertx, LinkAddress.of(open.connectionId(), open.below(), Direction.DOWN), WINDOW);
    channel = new SecureChannel(open.outbound(), identity.staticKeys(), identity.signedPayload(),
        open.expectedPeer() == null ? null : NodeId.parse(open.expectedPeer()), this);
  }

  Future<Void> ready() {
    return Future.all(fromBelow.ready(), toBelow.ready()).mapEmpty();
  }

  /** Starts the handshake; it must complete within {@code timeoutMs}. */
  void start(long timeoutMs) {
    timer = vertx.setTimer(timeoutMs, id -> channel.fail("handshake timed out after " + timeoutMs + " ms"));
    fromBelow.handler(this::fromNetwork).endHandler(this::endFromBelow);
    channel.start();
  }

  private void fromNetwork(Buffer data) {
    channel.fromNetwork(Buffers.byteBuf(data));
    fromBelow.consumed(data.length());
  }

  private void endFromBelow(LinkEnd end) {
    channel.networkClosed(end.error());
  }

  @Override
  public void toNetwork(ByteBuf bytes) {
    toBelow.write(Buffers.buffer(bytes));
  }

  @Override
  public void secured(SecureChannel secured) {
    vertx.cancelTimer(timer);
    callbacks.secured(this);
  }

  @Override
  public void stream(SecureChannel secured, YamuxStream stream) {
    callbacks.stream(this, stream);
  }

  @Override
  public void closed(SecureChannel secured, String error) {
    vertx.cancelTimer(timer);
    toBelow.end(error);
    fromBelow.close();
    toBelow.close();
    callbacks.closed(this, error);
  }

  /** Ends the connection because of {@code error} (null: a clean close). */
  void fail(String error) {
    channel.fail(error);
  }

  String id() {
    return open.connectionId();
  }

  ConnectionOpen open() {
    return open;
  }

  NodeId remotePeer() {
    return channel.remotePeer();
  }

  YamuxSession session() {
    return channel.session();
  }

  boolean secured() {
    return channel.secured();
  }
}
