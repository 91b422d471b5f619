package dev.axnode.securechannel;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.multistream.DialerNegotiation;
import dev.axnode.securechannel.multistream.ListenerNegotiation;
import dev.axnode.securechannel.multistream.Negotiation;
import dev.axnode.securechannel.multistream.NegotiationState;
import dev.axnode.securechannel.multistream.Step;
import dev.axnode.securechannel.noise.NoiseException;
import dev.axnode.securechannel.noise.NoiseFrameCodec;
import dev.axnode.securechannel.noise.NoiseRole;
import dev.axnode.securechannel.noise.NoiseTransport;
import dev.axnode.securechannel.noise.NoiseXXHandshake;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.yamux.Role;
import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Set;

/**
 * A libp2p secure channel over any byte stream, without I/O: from the first multistream
 * byte to a running yamux session.
 *
 * <pre>
 *   multistream /noise ─▶ Noise XX (verify identity, check the dialed peer) ─▶ [encrypted]
 *   multistream /yamux/1.0.0 ─▶ yamux session ─▶ inbound streams to {@link Events#stream}
 * </pre>
 *
 * The owner feeds network bytes to {@link #fromNetwork}, sends what {@link Events#toNetwork}
 * gets, and runs the handshake timeout (calling {@link #fail}). Success is announced once
 * through {@link Events#secured}; any protocol error ends the channel once through
 * {@link Events#closed}. Single-threaded.
 */
public final class SecureChannel {

  public static final String NOISE = "/noise";
  public static final String YAMUX = "/yamux/1.0.0";

  /**
   * yamux frames sized to fill one Noise frame exactly (65519 plaintext bytes, 12 of them
   * the yamux header): with yamux's default 64 KiB, every data frame would spill 29 bytes
   * into a second, nearly empty Noise frame, doubling the per-frame cost of the bulk path.
   */
  static final YamuxConfig YAMUX_CONFIG = new YamuxConfig()
      .maxFramePayload(dev.axnode.securechannel.noise.NoiseTransport.MAX_PLAINTEXT - 12);

  /** What the owner of a channel hears from it. */
  public interface Events {
    /** Bytes to write to the network; the receiver owns them. */
    void toNetwork(ByteBuf bytes);

    void secured(SecureChannel channel);

    void stream(SecureChannel channel, YamuxStream stream);

    /** The channel ended: {@code error} says why, null for a clean close. */
    void closed(SecureChannel channel, String error);
  }

  private enum Phase { NEGOTIATE_NOISE, NOISE, NEGOTIATE_MUXER, MUXED, CLOSED }

  private final boolean dialer;
  private final X25519KeyPair staticKeys;
  private final byte[] signedPayload;
  private final NodeId expectedPeer;
  private final Events events;
  private final NoiseFrameCodec frames = new NoiseFrameCodec();
  private final HeaderCheck headerCheck = new HeaderCheck();
  private Phase phase = Phase.NEGOTIATE_NOISE;
  private Negotiation negotiator;
  private NoiseXXHandshake handshake;
  private NoiseTransport transport;
  private YamuxSession session;
  private NodeId remotePeer;
  /** Set while the yamux GoAway goes out, so the session's own close callback does not report twice. */
  private boolean closing;

  /**
   * @param dialer        true on the side that opened the connection (Noise initiator, yamux dialer)
   * @param signedPayload the Noise payload carrying our identity key and its signature over {@code staticKeys}
   * @param expectedPeer  the peer the dialer asked for, or null to accept any verified identity
   */
  public SecureChannel(boolean dialer, X25519KeyPair staticKeys, byte[] signedPayload, NodeId expectedPeer,
                       Events events) {
    this.dialer = dialer;
    this.staticKeys = staticKeys;
    this.signedPayload = signedPayload;
    this.expectedPeer = expectedPeer;
    this.events = events;
  }

  /** Sends the dialer's opening bytes (nothing for a listener, which answers). */
  public void start() {
    negotiator = negotiation(NOISE);
    if (dialer) {
      sendRaw(negotiator.start().toSend());
    }
  }

  /** Feeds bytes read from the network; the caller keeps ownership of {@code in}. */
  public void fromNetwork(ByteBuf in) {
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
    }
  }

  /**
   * One multistream round for {@code protocol}. The dialer proposes at once; the listener
   * answers the dialer's header, as js-libp2p does, so it sends nothing first.
   */
  private Negotiation negotiation(String protocol) {
    return dialer ? new DialerNegotiation(List.of(protocol)) : new ListenerNegotiation(Set.of(protocol));
  }

  private void negotiateNoise(ByteBuf in) throws NoiseException {
    if (!headerCheck.accepts(in)) {
      fail("not a libp2p connection (the first bytes are not the multistream header); "
          + "does the peer use another swarm key?");
      return;
    }
    Step step = negotiator.onBytes(in);
    sendRaw(step.toSend());
    if (step.state() instanceof NegotiationState.Failed failed) {
      fail("not a libp2p connection (" + failed.reason() + "); does the peer use another swarm key?");
    } else if (step.state() instanceof NegotiationState.Selected selected) {
      phase = Phase.NOISE;
      handshake = new NoiseXXHandshake(dialer ? NoiseRole.INITIATOR : NoiseRole.RESPONDER, staticKeys,
          signedPayload, expectedPeer);
      if (dialer) {
        sendRaw(handshake.writeFrame());
      }
      ByteBuf leftover = selected.leftover();
      try {
        if (leftover.isReadable()) {
          noise(leftover);
        }
      } finally {
        leftover.release();
      }
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
    negotiator = negotiation(YAMUX);
    if (dialer) {
      sendSecure(negotiator.start().toSend());
    }
    ByteBuf leftover = frames.takeLeftover();
    if (leftover != null) {
      try {
        if (leftover.isReadable()) {
          fromTransport(transport.decrypt(leftover));
        }
      } finally {
        leftover.release();
      }
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
      try {
        if (leftover.isReadable()) {
          session.receive(leftover);
        }
      } finally {
        leftover.release();
      }
    }
  }

  private void startYamux() {
    phase = Phase.MUXED;
    session = new YamuxSession(dialer ? Role.DIALER : Role.LISTENER, YAMUX_CONFIG, this::sendFrame,
        new YamuxSession.Listener() {
          @Override
          public void onStream(YamuxStream stream) {
            events.stream(SecureChannel.this, stream);
          }

          @Override
          public void onClose(Throwable cause) {
            fail(cause == null ? null : cause.getMessage());
          }
        });
    events.secured(this);
  }

  private void sendFrame(ByteBuf frame) {
    try {
      sendSecure(frame);
    } catch (NoiseException e) {
      fail(e.getMessage());
    }
  }

  private void sendSecure(ByteBuf plain) throws NoiseException {
    try {
      if (plain.isReadable() && phase != Phase.CLOSED) {
        sendRaw(transport.encrypt(plain));
      }
    } finally {
      plain.release();
    }
  }

  private void sendRaw(ByteBuf bytes) {
    if (bytes.isReadable() && phase != Phase.CLOSED) {
      events.toNetwork(bytes);
    } else {
      bytes.release();
    }
  }

  /** Ends the channel because of {@code error} (null: a clean close); reported once. */
  public void fail(String error) {
    if (phase == Phase.CLOSED || closing) {
      return;
    }
    closing = true;
    if (phase == Phase.MUXED && !session.isClosed()) {
      session.close();
    }
    phase = Phase.CLOSED;
    events.closed(this, error);
  }

  /** The network side ended: a clean end once secured, an error during the handshake. */
  public void networkClosed(String error) {
    fail(error != null ? error : phase == Phase.MUXED ? null : "connection closed during the handshake");
  }

  /** Closes cleanly: yamux GoAway, then {@link Events#closed} with no error. */
  public void close() {
    fail(null);
  }

  /**
   * The owner's way to the network is full (link out of credit, socket write queue full):
   * yamux holds DATA in its streams' bounded queues until {@link #resumeOutput()}.
   */
  public void pauseOutput() {
    if (session != null) {
      session.pauseOutput();
    }
  }

  /** The owner's way to the network drained again. */
  public void resumeOutput() {
    if (session != null) {
      session.resumeOutput();
    }
  }

  public NodeId remotePeer() {
    return remotePeer;
  }

  public YamuxSession session() {
    return session;
  }

  public boolean secured() {
    return phase == Phase.MUXED;
  }

  public boolean closed() {
    return phase == Phase.CLOSED;
  }
}
