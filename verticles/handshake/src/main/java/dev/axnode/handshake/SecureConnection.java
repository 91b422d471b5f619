package dev.axnode.handshake;

import dev.axnode.handshake.multistream.NegotiationState;
import dev.axnode.handshake.multistream.Step;
import dev.axnode.handshake.noise.NoiseException;
import dev.axnode.handshake.noise.NoiseFrameCodec;
import dev.axnode.handshake.noise.NoiseRole;
import dev.axnode.handshake.noise.NoiseTransport;
import dev.axnode.handshake.noise.NoiseXXHandshake;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.ConnectionOpen;
import dev.axnode.yamux.Role;
import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;


/**
 * The secure channel of one connection, from the first multistream byte to a running yamux
 * session:
 *
 * <pre>
 *   multistream /noise ─▶ Noise XX (verify identity, check dialed peer) ─▶ [encrypted]
 *   multistream /yamux/1.0.0 ─▶ yamux session ─▶ streams to {@link Callbacks#stream}
 * </pre>
 *
 * A handshake is temporary: it has a timeout and, on success, is announced once through
 * {@link Callbacks#secured}. Any protocol error ends the connection, reported once.
 * Single-threaded: one Vert.x context.
 */
final class SecureConnection {

  static final long WINDOW = 1024 * 1024;
  static final String STAGE = "handshake";
  static final String NOISE = "/noise";
  static final String YAMUX = "/yamux/1.0.0";

  /** What the verticle hears from a connection. */
  interface Callbacks {
    void secured(SecureConnection connection);

    void stream(SecureConnection connection, YamuxStream stream);

    void closed(SecureConnection connection, String error);
  }

  private enum Phase { NEGOTIATE_NOISE, NOISE, NEGOTIATE_MUXER, MUXED, CLOSED }

  private final Vertx vertx;
  private final ConnectionOpen open;
  private final LocalIdentity identity;
  private final Callbacks callbacks;
  private final LinkReceiver fromBelow;
  private final LinkSender toBelow;
  private final NoiseFrameCodec frames = new NoiseFrameCodec();
  private Phase phase = Phase.NEGOTIATE_NOISE;
  private Negotiator negotiator;
  private NoiseXXHandshake handshake;
  private NoiseTransport transport;
  private YamuxSession session;
  private NodeId remotePeer;
  private long timer = -1;

  SecureConnection(Vertx vertx, ConnectionOpen open, LocalIdentity identity, Callbacks callbacks) {
    this.vertx = vertx;
    this.open = open;
    this.identity = identity;
    this.callbacks = callbacks;
    fromBelow = new LinkReceiver(vertx, LinkAddress.of(open.connectionId(), STAGE, Direction.UP), WINDOW);
    toBelow = new LinkSender(vertx, LinkAddress.of(open.connectionId(), open.below(), Direction.DOWN), WINDOW);
  }

  Future<Void> ready() {
    return Future.all(fromBelow.ready(), toBelow.ready()).mapEmpty();
  }

  /** Starts the handshake; it must complete within {@code timeoutMs}. */
  void start(long timeoutMs) {
    timer = vertx.setTimer(timeoutMs, id -> fail("handshake timed out after " + timeoutMs + " ms"));
    fromBelow.handler(this::fromNetwork).endHandler(this::endFromBelow);
    negotiator = Negotiator.of(open.outbound(), NOISE);
    sendRaw(negotiator.start().toSend());
  }

  private void fromNetwork(Buffer data) {
    ByteBuf in = Buffers.byteBuf(data);
    try {
      if (phase == Phase.NEGOTIATE_NOISE) {
        negotiateNoise(in);
      } else if (phase == Phase.NOISE) {
        noise(in);
      } else if (phase != Phase.CLOSED) {
        fromTransport(transport.decrypt(in));
      }
    } catch (NoiseException e) {
      fail(e.getMessage());
    } catch (RuntimeException e) {
      fail("internal error: " + e);
    } finally {
      fromBelow.consumed(data.length());
    }
  }

  private void negotiateNoise(ByteBuf in) throws NoiseException {
    Step step = negotiator.onBytes(in);
    sendRaw(step.toSend());
    if (step.state() instanceof NegotiationState.Failed failed) {
      fail("not a libp2p connection (" + failed.reason() + "); does the peer use another swarm key?");
    } else if (step.state() instanceof NegotiationState.Selected selected) {
      phase = Phase.NOISE;
      handshake = new NoiseXXHandshake(open.outbound() ? NoiseRole.INITIATOR : NoiseRole.RESPONDER,
          identity.staticKeys(), identity.signedPayload(),
          open.expectedPeer() == null ? null : NodeId.parse(open.expectedPeer()));
      if (open.outbound()) {
        sendRaw(handshake.writeFrame());
      }
      ByteBuf leftover = selected.leftover();
      if (leftover.isReadable()) {
        noise(leftover);
      }
      leftover.release();
    }
  }

  private void noise(ByteBuf in) throws NoiseException {
    frames.append(in);
    byte[] message;
    while (phase == Phase.NOISE && (message = frames.nextMessage()) != null) {
      handshake.readMessage(message);
      if (!handshake.isComplete() && handshake.isMyTurn()) {
        sendRaw(handshake.writeFrame());
      }
      if (handshake.isComplete()) {
        noiseComplete();
      }
    }
  }

  private void noiseComplete() throws NoiseException {
    transport = handshake.transport();
    remotePeer = handshake.remotePeer();
    phase = Phase.NEGOTIATE_MUXER;
    negotiator = Negotiator.of(open.outbound(), YAMUX);
    sendSecure(negotiator.start().toSend());
    ByteBuf leftover = frames.takeLeftover();
    if (leftover != null && leftover.isReadable()) {
      fromTransport(transport.decrypt(leftover));
    }
  }

  private void fromTransport(ByteBuf plain) throws NoiseException {
    try {
      if (phase == Phase.NEGOTIATE_MUXER) {
        negotiateMuxer(plain);
      } else if (phase == Phase.MUXED) {
        session.receive(plain);
      }
    } finally {
      plain.release();
    }
  }

  private void negotiateMuxer(ByteBuf plain) throws NoiseException {
    Step step = negotiator.onBytes(plain);
    sendSecure(step.toSend());
    if (step.state() instanceof NegotiationState.Failed failed) {
      fail("muxer negotiation failed: " + failed.reason());
    } else if (step.state() instanceof NegotiationState.Selected selected) {
      startYamux();
      ByteBuf leftover = selected.leftover();
      if (leftover.isReadable()) {
        session.receive(leftover);
      }
      leftover.release();
    }
  }

  private void startYamux() {
    phase = Phase.MUXED;
    vertx.cancelTimer(timer);
    session = new YamuxSession(open.outbound() ? Role.DIALER : Role.LISTENER, new YamuxConfig(),
        this::sendFrame, new YamuxSession.Listener() {
          @Override
          public void onStream(YamuxStream stream) {
            callbacks.stream(SecureConnection.this, stream);
          }

          @Override
          public void onClose(Throwable cause) {
            fail(cause == null ? null : cause.getMessage());
          }
        });
    callbacks.secured(this);
  }

  private void sendFrame(ByteBuf frame) {
    try {
      sendSecure(frame);
    } catch (NoiseException e) {
      fail(e.getMessage());
    }
  }

  private void sendSecure(ByteBuf plain) throws NoiseException {
    if (phase == Phase.CLOSED) {
      plain.release();
      return;
    }
    try {
      if (plain.isReadable()) {
        sendRaw(transport.encrypt(plain));
      }
    } finally {
      plain.release();
    }
  }

  private void sendRaw(ByteBuf bytes) {
    if (bytes.isReadable() && phase != Phase.CLOSED) {
      toBelow.write(Buffers.buffer(bytes));
    } else {
      bytes.release();
    }
  }

  private void endFromBelow(LinkEnd end) {
    finish(end.error() != null ? end.error() : phase == Phase.MUXED ? null : "connection closed during the handshake");
  }

  /** Ends the connection because of {@code error} (null: a clean close). */
  void fail(String error) {
    if (phase != Phase.CLOSED) {
      toBelow.end(error);
      finish(error);
    }
  }

  private void finish(String error) {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    vertx.cancelTimer(timer);
    toBelow.end(error);
    fromBelow.close();
    toBelow.close();
    callbacks.closed(this, error);
  }

  /** Closes the connection cleanly (yamux GoAway, then the link). */
  void close() {
    if (session != null && !session.isClosed()) {
      session.close();
    }
    fail(null);
  }

  String id() {
    return open.connectionId();
  }

  ConnectionOpen open() {
    return open;
  }

  NodeId remotePeer() {
    return remotePeer;
  }

  YamuxSession session() {
    return session;
  }

  boolean secured() {
    return phase == Phase.MUXED;
  }
}
