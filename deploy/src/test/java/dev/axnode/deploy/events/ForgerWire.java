package dev.axnode.deploy.events;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.psk.PnetCipher;
import dev.axnode.securechannel.multistream.MultistreamException;
import dev.axnode.securechannel.multistream.MultistreamMessage;
import dev.axnode.securechannel.noise.NoiseException;
import dev.axnode.securechannel.noise.NoiseFrameCodec;
import dev.axnode.securechannel.noise.NoiseIdentity;
import dev.axnode.securechannel.noise.NoiseRole;
import dev.axnode.securechannel.noise.NoiseTransport;
import dev.axnode.securechannel.noise.NoiseXXHandshake;
import dev.axnode.securechannel.noise.X25519KeyPair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The bytes under a forging swarm member: TCP, pnet with the RIGHT swarm key, multistream
 * {@code /noise}, the Noise XX handshake as initiator with the forger's own Ed25519 identity,
 * then {@code /yamux/1.0.0}; after that {@link ForgerPeer} speaks yamux through
 * {@link #writePlain} and {@link #readPlain}. Blocking, one reader thread, writes serialised.
 */
final class ForgerWire implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final PnetCipher pnet;
  private final ByteBuf plain = Unpooled.buffer();
  private NoiseTransport noise;
  private boolean nonceSent;

  private ForgerWire(Socket socket, SwarmKey swarmKey) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.pnet = PnetCipher.create(swarmKey, RANDOM);
  }

  /** Dials {@code port} on loopback and secures the connection as {@code identity}, expecting {@code remote}. */
  static ForgerWire dial(int port, SwarmKey swarmKey, Ed25519PrivateKeyParameters identity, NodeId remote)
      throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    ForgerWire wire = new ForgerWire(socket, swarmKey);
    try {
      wire.secure(identity, remote);
      return wire;
    } catch (IOException | RuntimeException e) {
      wire.close();
      throw e;
    }
  }

  private void secure(Ed25519PrivateKeyParameters identity, NodeId remote) throws IOException {
    write(multistream("/noise"));
    expect(readClearMessage(), MultistreamMessage.HEADER.text());
    expect(readClearMessage(), "/noise");
    X25519KeyPair statics = X25519KeyPair.generate(RANDOM);
    byte[] input = NoiseIdentity.signingInput(statics.publicKey());
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, identity);
    signer.update(input, 0, input.length);
    byte[] payload = NoiseIdentity.signedPayload(statics.publicKey(),
        identity.generatePublicKey().getEncoded(), signer.generateSignature());
    NoiseXXHandshake handshake = new NoiseXXHandshake(NoiseRole.INITIATOR, statics, payload, remote);
    try {
      writeNoiseFrame(handshake.writeMessage());
      handshake.readMessage(readNoiseFrame());
      writeNoiseFrame(handshake.writeMessage());
    } catch (NoiseException e) {
      throw new IOException("noise: " + e.getMessage(), e);
    }
    noise = handshake.transport();
    writePlain(multistream("/yamux/1.0.0"));
    expect(readPlainMessage(), MultistreamMessage.HEADER.text());
    expect(readPlainMessage(), "/yamux/1.0.0");
    socket.setSoTimeout(0);
  }

  static byte[] multistream(String protocol) {
    byte[] header = MultistreamMessage.HEADER.toBytes();
    byte[] proposal = new MultistreamMessage(protocol).toBytes();
    byte[] both = new byte[header.length + proposal.length];
    System.arraycopy(header, 0, both, 0, header.length);
    System.arraycopy(proposal, 0, both, header.length, proposal.length);
    return both;
  }

  private static void expect(String got, String wanted) throws IOException {
    if (!got.equals(wanted)) {
      throw new IOException("multistream: expected '" + wanted + "', got '" + got + "'");
    }
  }

  /** A multistream message in the clear (before Noise): uvarint length, text, newline. */
  private String readClearMessage() throws IOException {
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

  private String readPlainMessage() throws IOException {
    try {
      MultistreamMessage message;
      while ((message = MultistreamMessage.decode(plain)) == null) {
        plain.writeBytes(readPlain());
      }
      return message.text();
    } catch (MultistreamException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** What is left of the bytes read during the muxer negotiation: the start of the yamux session. */
  byte[] leftover() {
    byte[] bytes = new byte[plain.readableBytes()];
    plain.readBytes(bytes);
    return bytes;
  }

  /** Writes {@code bytes} inside the Noise channel, cut into Noise frames. */
  void writePlain(byte[] bytes) throws IOException {
    synchronized (out) {
      for (int offset = 0; offset < bytes.length; offset += NoiseTransport.MAX_PLAINTEXT) {
        int length = Math.min(NoiseTransport.MAX_PLAINTEXT, bytes.length - offset);
        byte[] chunk = new byte[length];
        System.arraycopy(bytes, offset, chunk, 0, length);
        try {
          writeNoiseFrame(noise.encryptMessage(chunk));
        } catch (NoiseException e) {
          throw new IOException(e);
        }
      }
    }
  }

  /** The plaintext of the next Noise frame. */
  byte[] readPlain() throws IOException {
    try {
      return noise.decryptMessage(readNoiseFrame());
    } catch (NoiseException e) {
      throw new IOException("noise: " + e.getMessage(), e);
    }
  }

  private void writeNoiseFrame(byte[] message) throws IOException {
    ByteBuf frame = NoiseFrameCodec.frame(message);
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    frame.release();
    write(bytes);
  }

  private byte[] readNoiseFrame() throws IOException {
    byte[] prefix = readFully(NoiseFrameCodec.LENGTH_PREFIX);
    return readFully(((prefix[0] & 0xff) << 8) | (prefix[1] & 0xff));
  }

  private void write(byte[] bytes) throws IOException {
    synchronized (out) {
      byte[] copy = bytes.clone();
      if (!nonceSent) {
        out.write(pnet.localNonce());
        nonceSent = true;
      }
      pnet.encrypt(Unpooled.wrappedBuffer(copy));
      out.write(copy);
      out.flush();
    }
  }

  private byte[] readFully(int n) throws IOException {
    if (!pnet.peerNonceComplete()) {
      pnet.acceptPeerNonce(in.readNBytes(PnetCipher.NONCE_LENGTH));
    }
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("the node closed the connection after " + bytes.length + " of " + n + " bytes");
    }
    pnet.decrypt(Unpooled.wrappedBuffer(bytes));
    return bytes;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
