package dev.axnode.securechannel.noise;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecurityProtocol;
import io.netty.buffer.ByteBuf;

/**
 * {@code /noise}: Noise XX with the node's static key and the identity payload signed once
 * for it, then Noise transport frames.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md
 */
public final class NoiseSecurity implements SecurityProtocol {

  public static final String ID = "/noise";

  private final X25519KeyPair staticKeys;
  private final byte[] signedPayload;

  /** @param signedPayload the payload carrying our identity key and its signature over {@code staticKeys} */
  public NoiseSecurity(X25519KeyPair staticKeys, byte[] signedPayload) {
    this.staticKeys = staticKeys;
    this.signedPayload = signedPayload;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Session open(boolean dialer, NodeId expectedPeer, Sink sink) {
    return new NoiseSession(new NoiseXXHandshake(dialer ? NoiseRole.INITIATOR : NoiseRole.RESPONDER, staticKeys,
        signedPayload, expectedPeer), sink);
  }

  /** The XX handshake on length-prefixed frames, then the transport. */
  private static final class NoiseSession implements Session {
    private final NoiseFrameCodec frames = new NoiseFrameCodec();
    private final NoiseXXHandshake handshake;
    private final Sink sink;
    private NoiseTransport transport;

    NoiseSession(NoiseXXHandshake handshake, Sink sink) {
      this.handshake = handshake;
      this.sink = sink;
    }

    @Override
    public void start() throws NoiseException {
      if (handshake.isMyTurn()) {
        sink.toNetwork(handshake.writeFrame());
      }
    }

    @Override
    public void fromNetwork(ByteBuf in) throws dev.axnode.securechannel.SecureChannelException {
      if (transport != null) {
        sink.plaintext(transport.decrypt(in));
        return;
      }
      frames.append(in);
      byte[] message;
      while (transport == null && (message = frames.nextMessage()) != null) {
        handshake.readMessage(message);
        if (!handshake.isComplete() && handshake.isMyTurn()) {
          sink.toNetwork(handshake.writeFrame());
        }
        if (handshake.isComplete()) {
          complete();
        }
      }
    }

    private void complete() throws dev.axnode.securechannel.SecureChannelException {
      transport = handshake.transport();
      sink.secured(handshake.remotePeer(), null);
      ByteBuf leftover = frames.takeLeftover();
      if (leftover != null) {
        try {
          if (leftover.isReadable()) {
            sink.plaintext(transport.decrypt(leftover));
          }
        } finally {
          leftover.release();
        }
      }
    }

    @Override
    public void send(ByteBuf plain) throws NoiseException {
      try {
        if (plain.isReadable()) {
          sink.toNetwork(transport.encrypt(plain));
        }
      } finally {
        plain.release();
      }
    }

    @Override
    public void release() {
      // nothing native: the transport's buffers are heap buffers the GC takes
    }
  }
}
