package dev.axnode.securechannel.noise;

import dev.axnode.kernel.keys.NodeId;
import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * The libp2p Noise handshake ({@code /noise}), without I/O: XX with libp2p's signed payloads.
 *
 * <pre>
 *   initiator (dialer)                          responder (listener)
 *   -&gt; e                                (32 bytes, empty payload)
 *   &lt;- e, ee, s, es + payload           (32 + 48 + 104 + 16 = 200 bytes with Ed25519)
 *   -&gt; s, se + payload                  (48 + 104 + 16 = 168 bytes)
 *   each on the wire as u16 big-endian length ‖ message (see {@link NoiseFrameCodec})
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md
 *
 * <p>Loop: while not {@link #isComplete()}, if {@link #isMyTurn()} write {@link #writeMessage()}
 * (framed), else feed the next received frame to {@link #readMessage}. The initiator knows and
 * has checked the responder after message 2, the responder knows the initiator after message 3.
 * Any {@link NoiseException} ends the handshake. Not thread-safe.
 */
public final class NoiseXXHandshake {

  private final HandshakeState state;
  private final byte[] localPayload;
  private final NodeId expectedRemote;
  private NodeId remotePeer;
  private List<String> remoteStreamMuxers = List.of();
  private NoiseTransport transport;
  private boolean failed;

  /**
   * @param staticKeys this node's Noise static key pair
   * @param signedPayload this node's encoded payload, from {@link NoiseIdentity#signedPayload}
   * @param expectedRemote the peer ID that was dialed ({@code /p2p/…}), or null to accept any
   */
  public NoiseXXHandshake(NoiseRole role, X25519KeyPair staticKeys, byte[] signedPayload,
      NodeId expectedRemote) {
    this(role, staticKeys, signedPayload, expectedRemote, null, new SecureRandom());
  }

  /** With a fixed ephemeral key, for tests. */
  NoiseXXHandshake(NoiseRole role, X25519KeyPair staticKeys, byte[] signedPayload,
      NodeId expectedRemote, X25519KeyPair ephemeral, SecureRandom random) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(staticKeys, "staticKeys");
    this.localPayload = signedPayload.clone();
    this.expectedRemote = expectedRemote;
    this.state = new HandshakeState(role, new byte[0], staticKeys, ephemeral, random);
  }

  public boolean isMyTurn() {
    return !failed && state.isMyTurn();
  }

  public boolean isComplete() {
    return transport != null;
  }

  /** The next handshake message, without its length prefix. */
  public byte[] writeMessage() throws NoiseException {
    checkAlive();
    // message 1 carries no payload: nothing in it would be encrypted or authenticated yet
    byte[] payload = state.messageIndex() == 0 ? new byte[0] : localPayload;
    try {
      byte[] message = state.writeMessage(payload);
      finishIfComplete();
      return message;
    } catch (NoiseException e) {
      failed = true;
      throw e;
    }
  }

  /** The next handshake message framed for the wire; the caller owns the buffer. */
  public ByteBuf writeFrame() throws NoiseException {
    return NoiseFrameCodec.frame(writeMessage());
  }

  /**
   * Consumes one received handshake message (a frame's body).
   *
   * @throws NoiseException if it is malformed, tampered, too large, badly signed, or from a peer
   *     other than the one dialed
   */
  public void readMessage(byte[] message) throws NoiseException {
    checkAlive();
    try {
      boolean carriesIdentity = state.messageIndex() > 0;
      byte[] payload = state.readMessage(message);
      if (carriesIdentity) {
        authenticate(payload);
      }
      finishIfComplete();
    } catch (NoiseException e) {
      failed = true;
      throw e;
    }
  }

  /** The verified remote identity: the initiator has it after message 2, the responder at the end. */
  public NodeId remotePeer() {
    if (remotePeer == null) {
      throw new IllegalStateException("the remote identity is not known yet");
    }
    return remotePeer;
  }

  /** The muxers the remote announced for early negotiation; empty if none. */
  public List<String> remoteStreamMuxers() {
    return remoteStreamMuxers;
  }

  public NoiseTransport transport() {
    if (transport == null) {
      throw new IllegalStateException("the handshake is not complete");
    }
    return transport;
  }

  /** The Noise handshake hash h, usable for channel binding. */
  public byte[] handshakeHash() {
    return state.handshakeHash();
  }

  private void authenticate(byte[] payloadBytes) throws NoiseException {
    NoiseHandshakePayload payload = NoiseHandshakePayload.decode(payloadBytes);
    NodeId remote = NoiseIdentity.verify(payload, state.remoteStatic());
    if (expectedRemote != null && !expectedRemote.equals(remote)) {
      throw new NoiseException("peer ID mismatch: dialed " + expectedRemote + ", got " + remote);
    }
    remotePeer = remote;
    remoteStreamMuxers = payload.streamMuxers();
  }

  private void finishIfComplete() {
    if (state.isComplete()) {
      CipherState[] ciphers = state.split();
      transport = new NoiseTransport(ciphers[0], ciphers[1]);
    }
  }

  private void checkAlive() {
    if (failed) {
      throw new IllegalStateException("the handshake already failed");
    }
  }
}
