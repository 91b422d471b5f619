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
  /** Bytes from below processed while the link below was full: their credit waits for its drain. */
  private long heldUp;
  private boolean outputPaused;

  SecureConnection(Vertx vertx, ConnectionOpen open, LocalIdentity identity, Callbacks callbacks) {
    this.vertx = vertx;
    this.open = open;
    this.callbacks = callbacks;
    fromBelow = new LinkReceiver(vertx, LinkAddress.of(open.connectionId(), STAGE, Direction.UP), WINDOW);
    toBelow = new LinkSender(vertx, LinkAddress.of(open.connectionId(), open.below(), Direction.DOWN), WINDOW);
    channel = new SecureChannel(open.outbound(), identity.protocols(),
        open.expectedPeer() == null ? null : NodeId.parse(open.expectedPeer()), this);
  }

  Future<Void> ready() {
    return Future.all(fromBelow.ready(), toBelow.ready()).mapEmpty();
  }

  /** Starts the handshake; it must complete within {@code timeoutMs}. */
  void start(long timeoutMs) {
    timer = vertx.setTimer(timeoutMs, id -> channel.fail("handshake timed out after " + timeoutMs + " ms"));
    fromBelow.handler(this::fromNetwork).endHandler(this::endFromBelow);
    toBelow.drainHandler(v -> drained());
    channel.start();
  }

  /**
   * While the link below is out of credit, what we read is processed but its credit is
   * held: a peer that does not read our answers (pongs, window updates, data) cannot make us
   * read, and so answer, any more.
   */
  private void fromNetwork(Buffer data) {
    channel.fromNetwork(Buffers.byteBuf(data));
    if (toBelow.writable()) {
      fromBelow.consumed(data.length());
    } else {
      heldUp += data.length();
    }
  }

  /** The link below has credit again: let yamux send what waited, then read again if it is still not full. */
  private void drained() {
    if (outputPaused) {
      outputPaused = false;
      channel.resumeOutput();
    }
    if (toBelow.writable() && heldUp > 0) {
      fromBelow.consumed(heldUp);
      heldUp = 0;
    }
  }

  private void endFromBelow(LinkEnd end) {
    channel.networkClosed(end.error());
  }

  /** A full link below pauses yamux's DATA (its streams' bounded queues fill, writers see it) until the drain. */
  @Override
  public void toNetwork(ByteBuf bytes) {
    // Paused on every refusal, not once: a pause during the handshake finds no yamux session yet.
    if (!toBelow.write(Buffers.buffer(bytes)) && !toBelow.ended()) {
      outputPaused = true;
      channel.pauseOutput();
    }
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

  /** The security protocol agreed ({@code /noise}, {@code /tls/1.0.0}), null before. */
  String securityProtocol() {
    return channel.securityProtocol();
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
