package dev.axnode.securechannel;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.multistream.DialerNegotiation;
import dev.axnode.securechannel.multistream.ListenerNegotiation;
import dev.axnode.securechannel.multistream.Negotiation;
import dev.axnode.securechannel.multistream.NegotiationState;
import dev.axnode.securechannel.multistream.Step;
import dev.axnode.securechannel.noise.NoiseSecurity;
import dev.axnode.securechannel.noise.X25519KeyPair;
import dev.axnode.yamux.Role;
import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A libp2p secure channel over any byte stream, without I/O: from the first multistream
 * byte to a running yamux session.
 *
 * <pre>
 *   multistream /noise | /tls/1.0.0 ─▶ handshake (verify identity, check the dialed peer) ─▶ [encrypted]
 *   multistream /yamux/1.0.0 (skipped when TLS ALPN agreed on it) ─▶ yamux session
 *   ─▶ inbound streams to {@link Events#stream}
 * </pre>
 *
 * The owner feeds network bytes to {@link #fromNetwork}, sends what {@link Events#toNetwork}
 * gets, and runs the handshake timeout (calling {@link #fail}). Success is announced once
 * through {@link Events#secured}; any protocol error ends the channel once through
 * {@link Events#closed}. Single-threaded.
 */
public final class SecureChannel {

  public static final String NOISE = NoiseSecurity.ID;
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

  private enum Phase { NEGOTIATE_SECURITY, SECURING, NEGOTIATE_MUXER, MUXED, CLOSED }

  private final boolean dialer;
  private final List<SecurityProtocol> securityProtocols;
  private final NodeId expectedPeer;
  private final Events events;
  private final HeaderCheck headerCheck = new HeaderCheck();
  private final SecurityProtocol.Sink sink = new SessionSink();
  private Phase phase = Phase.NEGOTIATE_SECURITY;
  private Negotiation negotiator;
  private SecurityProtocol.Session security;
  private String securityProtocol;
  private YamuxSession session;
  private NodeId remotePeer;
  /** Set while the yamux GoAway goes out, so the session's own close callback does not report twice. */
  private boolean closing;

  /**
   * A channel that speaks Noise only.
   *
   * @param dialer        true on the side that opened the connection (Noise initiator, yamux dialer)
   * @param signedPayload the Noise payload carrying our identity key and its signature over {@code staticKeys}
   * @param expectedPeer  the peer the dialer asked for, or null to accept any verified identity
   */
  public SecureChannel(boolean dialer, X25519KeyPair staticKeys, byte[] signedPayload, NodeId expectedPeer,
                       Events events) {
    this(dialer, List.of(new NoiseSecurity(staticKeys, signedPayload)), expectedPeer, events);
  }

  /**
   * @param securityProtocols what this side offers, most preferred first: the dialer proposes
   *                          them in this order, the listener accepts any of them
   * @param expectedPeer      the peer the dialer asked for, or null to accept any verified identity
   */
  public SecureChannel(boolean dialer, List<SecurityProtocol> securityProtocols, NodeId expectedPeer,
                       Events events) {
    if (securityProtocols.isEmpty()) {
      throw new IllegalArgumentException("a secure channel needs at least one security protocol");
    }
    this.dialer = dialer;
    this.securityProtocols = List.copyOf(securityProtocols);
    this.expectedPeer = expectedPeer;
    this.events = events;
  }

  /** Sends the dialer's opening bytes (nothing for a listener, which answers). */
  public void start() {
    List<String> ids = securityProtocols.stream().map(SecurityProtocol::id).toList();
    negotiator = dialer ? new DialerNegotiation(ids) : new ListenerNegotiation(new LinkedHashSet<>(ids));
    if (dialer) {
      sendRaw(negotiator.start().toSend());
    }
  }

  /** Feeds bytes read from the network; the caller keeps ownership of {@code in}. */
  public void fromNetwork(ByteBuf in) {
    try {
      if (phase == Phase.NEGOTIATE_SECURITY) {
        negotiateSecurity(in);
      } else if (phase != Phase.CLOSED) {
        security.fromNetwork(in);
      }
    } catch (SecureChannelException e) {
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

  private void negotiateSecurity(ByteBuf in) throws SecureChannelException {
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
      phase = Phase.SECURING;
      securityProtocol = selected.protocol();
      security = securityProtocols.stream().filter(p -> p.id().equals(selected.protocol())).findFirst()
          .orElseThrow().open(dialer, expectedPeer, sink);
      ByteBuf leftover = selected.leftover();
      try {
        security.start();
        if (leftover.isReadable() && phase == Phase.SECURING) {
          security.fromNetwork(leftover);
        }
      } finally {
        leftover.release();
      }
    }
  }

  /** What the security session hands up: handshake bytes, the verified peer, then plaintext. */
  private final class SessionSink implements SecurityProtocol.Sink {
    @Override
    public void toNetwork(ByteBuf bytes) {
      sendRaw(bytes);
    }

    @Override
    public void secured(NodeId remote, String earlyMuxer) throws SecureChannelException {
      remotePeer = remote;
      if (YAMUX.equals(earlyMuxer)) {
        startYamux();
        return;
      }
      phase = Phase.NEGOTIATE_MUXER;
      negotiator = negotiation(YAMUX);
      if (dialer) {
        sendSecure(negotiator.start().toSend());
      }
    }

    @Override
    public void plaintext(ByteBuf plain) throws SecureChannelException {
      fromTransport(plain);
    }
  }

  private void fromTransport(ByteBuf plain) throws SecureChannelException {
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

  private void negotiateMuxer(ByteBuf plain) throws SecureChannelException {
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
    } catch (SecureChannelException e) {
      fail(e.getMessage());
    }
  }

  private void sendSecure(ByteBuf plain) throws SecureChannelException {
    if (plain.isReadable() && phase != Phase.CLOSED) {
      security.send(plain);
    } else {
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
    if (security != null) {
      security.release();
    }
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

  /** The security protocol agreed ({@code /noise}, {@code /tls/1.0.0}), null before. */
  public String securityProtocol() {
    return securityProtocol;
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
