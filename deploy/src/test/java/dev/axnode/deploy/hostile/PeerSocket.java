package dev.axnode.deploy.hostile;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.psk.PnetCipher;
import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.securechannel.noise.NoiseException;
import dev.axnode.securechannel.noise.NoiseFrameCodec;
import dev.axnode.securechannel.noise.NoiseRole;
import dev.axnode.securechannel.noise.NoiseXXHandshake;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * One blocking TCP connection of an attack client, from a chosen source address: optionally
 * pnet (the swarm key, or a wrong one), then multistream-select in the clear and the Noise
 * handshake, after which {@link SecuredPeer} takes over. Writes are serialised so a reader
 * thread may answer pings while the test thread attacks.
 */
final class PeerSocket implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final PnetCipher pnet;
  private boolean nonceSent;

  private PeerSocket(Socket socket, SwarmKey swarmKey) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.pnet = swarmKey == null ? null : PnetCipher.create(swarmKey, RANDOM);
  }

  /** Connects from {@code sourceIp} (any 127/8 address on Linux) to {@code host:port}; {@code swarmKey} may be null. */
  static PeerSocket dial(String sourceIp, String host, int port, SwarmKey swarmKey) throws IOException {
    Socket socket = new Socket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
      socket.connect(new InetSocketAddress(host, port), 5_000);
      return new PeerSocket(socket, swarmKey);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  static PeerSocket dial(String sourceIp, int port, SwarmKey swarmKey) throws IOException {
    return dial(sourceIp, "127.0.0.1", port, swarmKey);
  }

  /** A connection the node made to a listening attacker. */
  static PeerSocket accepted(Socket socket, SwarmKey swarmKey) throws IOException {
    return new PeerSocket(socket, swarmKey);
  }

  /** Writes {@code bytes} (encrypted with pnet if keyed); the array is not kept. */
  synchronized void write(byte[] bytes) throws IOException {
    byte[] copy = bytes.clone();
    if (pnet != null) {
      if (!nonceSent) {
        out.write(pnet.localNonce());
        nonceSent = true;
      }
      ByteBuf buf = Unpooled.wrappedBuffer(copy);
      pnet.encrypt(buf);
    }
    out.write(copy);
    out.flush();
  }

  /** Exactly {@code n} bytes, decrypted; EOFException if the node closed first. */
  byte[] readFully(int n) throws IOException {
    if (pnet != null && !pnet.peerNonceComplete()) {
      pnet.acceptPeerNonce(in.readNBytes(PnetCipher.NONCE_LENGTH));
    }
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("the node closed the connection after " + bytes.length + " of " + n + " bytes");
    }
    if (pnet != null) {
      pnet.decrypt(Unpooled.wrappedBuffer(bytes));
    }
    return bytes;
  }

  /** Proposes {@code protocol} in the clear and requires the node to echo it. */
  void negotiateAsDialer(String protocol) throws IOException {
    write(concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage(protocol).toBytes()));
    expect(MultistreamMessage.HEADER.text());
    expect(protocol);
  }

  /** Answers the node's proposal of {@code protocol}. */
  void negotiateAsListener(String protocol) throws IOException {
    expect(MultistreamMessage.HEADER.text());
    expect(protocol);
    write(concat(MultistreamMessage.HEADER.toBytes(), new MultistreamMessage(protocol).toBytes()));
  }

  private void expect(String text) throws IOException {
    String got = readMessage();
    if (!got.equals(text)) {
      throw new IOException("multistream: expected '" + text + "', got '" + got + "'");
    }
  }

  private String readMessage() throws IOException {
    int length = 0;
    for (int shift = 0; ; shift += 7) {
      int b = readFully(1)[0] & 0xff;
      length |= (b & 0x7f) << shift;
      if (b < 0x80) {
        break;
      }
    }
    byte[] body = readFully(length);
    return new String(body, 0, body.length - 1, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** multistream {@code /noise}, the Noise XX handshake as initiator, then {@code /yamux/1.0.0} inside. */
  SecuredPeer secureAsDialer(ClientIdentity identity, NodeId expected) throws IOException {
    negotiateAsDialer("/noise");
    NoiseXXHandshake handshake = identity.handshake(NoiseRole.INITIATOR, expected);
    try {
      writeNoiseFrame(handshake.writeMessage());
      handshake.readMessage(readNoiseFrame());
      writeNoiseFrame(handshake.writeMessage());
    } catch (NoiseException e) {
      throw new IOException("noise: " + e.getMessage(), e);
    }
    SecuredPeer peer = new SecuredPeer(this, handshake.transport(), handshake.remotePeer(), true);
    peer.negotiateMuxerAsDialer();
    return peer;
  }

  /** The node dialed us: answer {@code /noise}, the handshake as responder, then {@code /yamux/1.0.0}. */
  SecuredPeer secureAsListener(ClientIdentity identity) throws IOException {
    negotiateAsListener("/noise");
    NoiseXXHandshake handshake = identity.handshake(NoiseRole.RESPONDER, null);
    try {
      handshake.readMessage(readNoiseFrame());
      writeNoiseFrame(handshake.writeMessage());
      handshake.readMessage(readNoiseFrame());
    } catch (NoiseException e) {
      throw new IOException("noise: " + e.getMessage(), e);
    }
    SecuredPeer peer = new SecuredPeer(this, handshake.transport(), handshake.remotePeer(), false);
    peer.negotiateMuxerAsListener();
    return peer;
  }

  void writeNoiseFrame(byte[] message) throws IOException {
    ByteBuf frame = NoiseFrameCodec.frame(message);
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    write(bytes);
  }

  byte[] readNoiseFrame() throws IOException {
    byte[] prefix = readFully(NoiseFrameCodec.LENGTH_PREFIX);
    return readFully(((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff));
  }

  /**
   * Reads and drops whatever comes until the node closes the connection (EOF or reset).
   *
   * @return true if it closed within {@code limit}
   */
  boolean closedWithin(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    byte[] sink = new byte[8192];
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, Math.min(250, (deadline - System.nanoTime()) / 1_000_000)));
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // still open: look again until the deadline
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  void setReadTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
