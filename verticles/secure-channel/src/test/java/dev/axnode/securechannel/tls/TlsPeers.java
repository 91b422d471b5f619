package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.SecurityProtocol;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Test fixtures: Ed25519 identities signing in-process (the node signs through the
 * keystore), their libp2p certificates, and two channels wired back to back in memory.
 */
final class TlsPeers {

  private TlsPeers() {
  }

  /** An identity key signing in-process. */
  record Identity(Ed25519PrivateKeyParameters key) {
    static Identity random() {
      return new Identity(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    byte[] publicKey() {
      return key.generatePublicKey().getEncoded();
    }

    NodeId nodeId() {
      return NodeId.ofPublicKey(publicKey());
    }

    byte[] sign(byte[] message) {
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      signer.update(message, 0, message.length);
      return signer.generateSignature();
    }

    /** A valid certificate: this identity signs the certificate key. */
    LocalCertificate certificate() {
      return certificate(this);
    }

    /** A certificate naming this identity whose extension is signed by {@code signer}. */
    LocalCertificate certificate(Identity signer) {
      KeyPair key = LocalCertificate.generateKey();
      byte[] signature = signer.sign(SignedKey.signedMessage(key.getPublic().getEncoded()));
      return LocalCertificate.build(key, SignedKey.ofEd25519(publicKey(), signature));
    }
  }

  /** One side's view: what it heard, and its channel. */
  static final class End implements SecureChannel.Events {
    final ArrayDeque<ByteBuf> sent = new ArrayDeque<>();
    final List<YamuxStream> streams = new ArrayList<>();
    SecureChannel channel;
    boolean secured;
    String closedWith;
    boolean closed;

    @Override
    public void toNetwork(ByteBuf bytes) {
      sent.add(bytes);
    }

    @Override
    public void secured(SecureChannel c) {
      secured = true;
    }

    @Override
    public void stream(SecureChannel c, YamuxStream stream) {
      streams.add(stream);
    }

    @Override
    public void closed(SecureChannel c, String error) {
      closed = true;
      closedWith = error;
    }
  }

  /** One session's sink: what it sends, and the plaintext it received (kept when {@code keep}). */
  static final class Collector implements SecurityProtocol.Sink {
    final ArrayDeque<ByteBuf> network = new ArrayDeque<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean keep;
    long plaintextBytes;
    long plaintextBuffers;
    NodeId secured;

    @Override
    public void toNetwork(ByteBuf bytes) {
      network.add(bytes);
    }

    @Override
    public void secured(NodeId remote, String earlyMuxer) {
      secured = remote;
    }

    @Override
    public void plaintext(ByteBuf plain) {
      plaintextBytes += plain.readableBytes();
      plaintextBuffers++;
      if (keep) {
        byte[] bytes = new byte[plain.readableBytes()];
        plain.readBytes(bytes);
        received.writeBytes(bytes);
      }
      plain.release();
    }
  }

  /** A dialer and a listener joined in memory; {@link #pump()} moves bytes until both are quiet. */
  static final class Pair {
    final End dialer = new End();
    final End listener = new End();

    Pair(List<SecurityProtocol> dialerOffers, NodeId expected, List<SecurityProtocol> listenerOffers) {
      dialer.channel = new SecureChannel(true, dialerOffers, expected, dialer);
      listener.channel = new SecureChannel(false, listenerOffers, null, listener);
      listener.channel.start();
      dialer.channel.start();
      pump();
    }

    void pump() {
      while (!dialer.sent.isEmpty() || !listener.sent.isEmpty()) {
        deliver(dialer.sent, listener);
        deliver(listener.sent, dialer);
      }
    }

    private static void deliver(ArrayDeque<ByteBuf> from, End to) {
      ByteBuf b;
      while ((b = from.poll()) != null) {
        try {
          if (!to.closed) {
            to.channel.fromNetwork(b);
          }
        } finally {
          b.release();
        }
      }
    }
  }
}
