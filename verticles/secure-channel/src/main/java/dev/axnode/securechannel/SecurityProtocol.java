package dev.axnode.securechannel;

import dev.axnode.kernel.keys.NodeId;
import io.netty.buffer.ByteBuf;

/**
 * A libp2p security protocol that multistream-select can agree on ({@code /noise},
 * {@code /tls/1.0.0}): its ID and a factory for its per-connection state. Implementations
 * hold what is made once per node start (keys, certificates, contexts).
 */
public interface SecurityProtocol {

  /** The multistream protocol ID. */
  String id();

  /** The state of one connection's handshake and transport, talking to {@code sink}. */
  Session open(boolean dialer, NodeId expectedPeer, Sink sink);

  /** Where a session's results go. Single-threaded, like the channel. */
  interface Sink {
    /** Bytes to write to the network; the receiver owns them. */
    void toNetwork(ByteBuf bytes);

    /**
     * The handshake completed with {@code remote}; {@code earlyMuxer} is the stream muxer
     * agreed inside the handshake (TLS ALPN), or null to negotiate one with multistream.
     */
    void secured(NodeId remote, String earlyMuxer) throws SecureChannelException;

    /** Decrypted application bytes; the receiver owns them. Only after {@link #secured}. */
    void plaintext(ByteBuf plain) throws SecureChannelException;
  }

  /** One connection's security state, without I/O. */
  interface Session {
    /** Called once the protocol was agreed: the dialer sends its first handshake message. */
    void start() throws SecureChannelException;

    /** Feeds bytes read from the network; the caller keeps ownership of {@code in}. */
    void fromNetwork(ByteBuf in) throws SecureChannelException;

    /** Encrypts and sends application bytes; takes ownership of {@code plain}. Only once secured. */
    void send(ByteBuf plain) throws SecureChannelException;

    /** Frees what the session holds (native engines, buffers); nothing is sent any more. */
    void release();
  }
}
