package dev.axnode.securechannel.tls;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.securechannel.SecureChannel;
import dev.axnode.securechannel.SecureChannelException;
import dev.axnode.securechannel.SecurityProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One libp2p TLS connection driven sans-IO through {@link SSLEngine#wrap}/{@link SSLEngine#unwrap}:
 * network bytes in, records out, on whatever carries them (here the link chain above pnet).
 *
 * <pre>
 *   network ─▶ inbound (direct; partial records kept for the JDK) ─▶ unwrap ─▶ plaintext ─▶ sink
 *   send(plain) ─▶ one direct copy ─▶ wrap (16 KiB records) ─▶ one buffer of records ─▶ sink.toNetwork
 * </pre>
 *
 * OpenSSL works on native memory only, so everything it reads or writes is a pooled direct
 * buffer (a heap one would cost it a copy and an allocation per record), and its engine runs
 * without the JDK compatibility mode ({@link TlsSecurity#open}): one unwrap decrypts every
 * record it has and takes partial ones in too, so a yamux frame comes up in one or two buffers
 * rather than one per record.
 *
 * Once the handshake finishes, the peer ID in the (already verified) certificate is checked
 * against the dialed one and the ALPN result tells whether yamux was agreed inline.
 * Single-threaded. {@link #release()} frees the engine (OpenSSL's is reference counted).
 */
final class TlsSession implements SecurityProtocol.Session {

  private static final Logger LOG = LoggerFactory.getLogger(TlsSession.class);
  /** The largest TLS record's plaintext. */
  static final int RECORD_PLAINTEXT = 16 * 1024;
  /** Above this capacity an empty inbound buffer is dropped rather than kept for the next read. */
  static final int IDLE_CAPACITY = 64 * 1024;

  private final SSLEngine engine;
  private final boolean dialer;
  private final NodeId expectedPeer;
  private final SecurityProtocol.Sink sink;
  /**
   * How many records' plaintext one unwrap may hand out: OpenSSL's engine (made without the JDK
   * compatibility mode) decrypts all it holds, the JDK's one record per call.
   */
  private final int recordsPerUnwrap;
  private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
  private ByteBuf inbound = Unpooled.EMPTY_BUFFER;
  private boolean handshaking = true;
  private boolean released;
  private int idleWraps;
  private static final int MAX_IDLE_WRAPS = 4;

  TlsSession(SSLEngine engine, boolean dialer, NodeId expectedPeer, SecurityProtocol.Sink sink,
      int recordsPerUnwrap) {
    this.engine = engine;
    this.recordsPerUnwrap = recordsPerUnwrap;
    this.dialer = dialer;
    this.expectedPeer = expectedPeer;
    this.sink = sink;
    engine.setUseClientMode(dialer);
  }

  @Override
  public void start() throws SecureChannelException {
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      throw new TlsException("cannot start the handshake: " + e.getMessage(), e);
    }
    if (dialer) {
      // OpenSSL's engine reports NEED_UNWRAP until a first wrap makes the ClientHello: wrap at once.
      try {
        wrapHandshake();
      } catch (SSLException e) {
        throw new TlsException(reason(e), e);
      }
      advanceHandshake();
    }
  }

  @Override
  public void fromNetwork(ByteBuf in) throws SecureChannelException {
    if (released) {
      return;
    }
    append(in);
    try {
      unwrapAll();
    } catch (SSLException e) {
      sendAlert();
      throw new TlsException(reason(e), e);
    } finally {
      if (!released && !inbound.isReadable() && inbound.capacity() > IDLE_CAPACITY) {
        inbound.release();
        inbound = Unpooled.EMPTY_BUFFER;
      }
    }
  }

  private void append(ByteBuf in) {
    if (inbound.writableBytes() < in.readableBytes()) {
      inbound.discardReadBytes();
    }
    if (inbound == Unpooled.EMPTY_BUFFER) {
      inbound = alloc.directBuffer(Math.max(in.readableBytes(), engine.getSession().getPacketBufferSize()));
    }
    inbound.writeBytes(in, in.readerIndex(), in.readableBytes());
  }

  /**
   * Unwraps every whole record there is, answering the handshake as it goes. OpenSSL takes in
   * all ciphertext at once and hands out as much plaintext as the buffer holds (BUFFER_OVERFLOW
   * then means "more is waiting"): after an unwrap that produced something or overflowed,
   * unwrap again even with no ciphertext left.
   */
  private void unwrapAll() throws SecureChannelException, SSLException {
    boolean again = false;
    boolean overflowed = false;
    while (!released) {
      // the JDK's engine also wants to wrap after the handshake (TLS 1.3 session tickets);
      // after its tasks (OpenSSL verifies the peer's certificate in one) an engine only moves on
      // in an unwrap, even with no new ciphertext: else the listener would finish its handshake
      // only when the dialer sends again
      if (needsWrapOrTask()) {
        again = true;
        continue;
      }
      if (!inbound.isReadable() && !again) {
        return;
      }
      int record = engine.getSession().getApplicationBufferSize();
      int most = record * recordsPerUnwrap;
      // plaintext is never longer than its ciphertext: small messages get small buffers
      int size = overflowed ? most : Math.min(most, Math.max(record, inbound.readableBytes()));
      SSLEngineResult result = unwrapInto(size);
      boolean produced = result.bytesProduced() > 0;
      Status status = result.getStatus();
      if (status == Status.CLOSED) {
        throw new TlsException("the peer closed the TLS session");
      }
      if (status == Status.BUFFER_OVERFLOW && !produced && size == most) {
        throw new TlsException("a record larger than the engine's application buffer (" + size + " bytes)");
      }
      overflowed = status == Status.BUFFER_OVERFLOW;
      again = produced || overflowed;
      HandshakeStatus next = result.getHandshakeStatus();
      boolean engineWantsMore = next == HandshakeStatus.NEED_WRAP || next == HandshakeStatus.NEED_TASK;
      if (status == Status.BUFFER_UNDERFLOW && !produced
          || result.bytesConsumed() == 0 && !again && !engineWantsMore) {
        return;
      }
    }
  }

  /** One unwrap of the inbound ciphertext into a fresh buffer of {@code size}; its plaintext goes up. */
  private SSLEngineResult unwrapInto(int size) throws SecureChannelException, SSLException {
    ByteBuf plain = alloc.directBuffer(size);
    SSLEngineResult result;
    try {
      ByteBuffer src = inbound.nioBuffer(inbound.readerIndex(), inbound.readableBytes());
      result = engine.unwrap(src, plain.nioBuffer(0, size));
      inbound.skipBytes(result.bytesConsumed());
      plain.writerIndex(result.bytesProduced());
    } catch (SSLException | RuntimeException e) {
      plain.release();
      throw e;
    }
    try {
      handshakeProgress(result.getHandshakeStatus());
    } catch (SecureChannelException e) {
      plain.release();
      throw e;
    }
    if (plain.isReadable()) {
      sink.plaintext(plain);
    } else {
      plain.release();
    }
    return result;
  }

  /** Runs what the handshake needs before reading on; true if it did something. */
  private boolean needsWrapOrTask() throws SecureChannelException, SSLException {
    HandshakeStatus status = engine.getHandshakeStatus();
    if (status == HandshakeStatus.NEED_TASK) {
      Runnable task;
      while ((task = engine.getDelegatedTask()) != null) {
        task.run();
      }
      return true;
    }
    if (status == HandshakeStatus.NEED_WRAP) {
      return wrapHandshake();
    }
    if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
      handshakeProgress(HandshakeStatus.FINISHED);
    }
    return false;
  }

  private void advanceHandshake() throws SecureChannelException {
    try {
      while (handshaking && needsWrapOrTask()) {
        // each round sends one flight or runs the engine's tasks
      }
    } catch (SSLException e) {
      sendAlert();
      throw new TlsException(reason(e), e);
    }
  }

  /**
   * Why the engine failed: our trust manager's refusal where it is the cause (OpenSSL wraps it
   * in a generic "engine problem"), else the engine's own message. Found by type, never by text.
   */
  static String reason(SSLException e) {
    StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof TlsException tls) {
        return tls.getMessage().substring("tls: ".length());
      }
      why.append(": ").append(t.getMessage());
    }
    return why.toString();
  }

  /** Sends what the handshake wants to send; true if anything was produced. */
  private boolean wrapHandshake() throws SecureChannelException, SSLException {
    int size = engine.getSession().getPacketBufferSize();
    boolean produced = false;
    SSLEngineResult result;
    // OpenSSL answers the wrap that carries a refusal's alert with NEED_WRAP: the next wrap throws why
    do {
      ByteBuf out = alloc.directBuffer(size);
      try {
        result = engine.wrap(Unpooled.EMPTY_BUFFER.nioBuffer(), out.nioBuffer(0, size));
        out.writerIndex(result.bytesProduced());
      } catch (SSLException | RuntimeException e) {
        out.release();
        throw e;
      }
      if (out.isReadable()) {
        produced = true;
        sink.toNetwork(out);
      } else {
        out.release();
      }
      idleWraps = result.bytesProduced() > 0 ? 0 : idleWraps + 1;
      if (idleWraps > MAX_IDLE_WRAPS) {
        throw new TlsException("the TLS engine makes no progress in the handshake");
      }
      if (result.getStatus() == Status.CLOSED) {
        throw new TlsException("the TLS handshake failed (alert sent to the peer)");
      }
      handshakeProgress(result.getHandshakeStatus());
    } while (result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
    return produced || result.getHandshakeStatus() == HandshakeStatus.NEED_TASK;
  }

  private void handshakeProgress(HandshakeStatus status) throws SecureChannelException {
    if (handshaking && status == HandshakeStatus.FINISHED) {
      handshaking = false;
      handshakeFinished();
    }
  }

  /** The certificate chain passed the trust manager: check who it is and what ALPN agreed. */
  private void handshakeFinished() throws SecureChannelException {
    Certificate[] chain;
    try {
      chain = engine.getSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      throw new TlsException("the peer presented no certificate");
    }
    if (chain.length != 1 || !(chain[0] instanceof X509Certificate cert)) {
      throw new TlsException("a libp2p peer presents exactly one X.509 certificate");
    }
    NodeId remote = PeerCertificates.peerOf(cert);
    if (expectedPeer != null && !expectedPeer.equals(remote)) {
      throw new TlsException("peer is " + remote + ", not the dialed " + expectedPeer);
    }
    String alpn = engine.getApplicationProtocol();
    if (alpn == null || alpn.isEmpty()) {
      throw new TlsException("the peer agreed on no ALPN protocol (libp2p TLS requires '"
          + TlsSecurity.ALPN_LIBP2P + "')");
    }
    LOG.debug("TLS session with {}: {}, ALPN {}", remote, engine.getSession().getCipherSuite(), alpn);
    sink.secured(remote, SecureChannel.YAMUX.equals(alpn) ? alpn : null);
  }

  /**
   * Encrypts {@code plain} into records of up to 16 KiB, all in one buffer for the network.
   * OpenSSL reads plaintext only from native memory: it would copy a heap source record by
   * record into fresh buffers, and a composed yamux frame (header + payload) would first be
   * merged into a new heap array. One copy into a pooled direct buffer replaces both.
   */
  @Override
  public void send(ByteBuf plain) throws SecureChannelException {
    ByteBuf src = plain;
    try {
      if (released || !plain.isReadable()) {
        return;
      }
      if (!plain.isDirect() || plain.nioBufferCount() != 1) {
        src = alloc.directBuffer(plain.readableBytes()).writeBytes(plain, plain.readerIndex(), plain.readableBytes());
      }
      sink.toNetwork(wrapAll(src.nioBuffer(src.readerIndex(), src.readableBytes())));
    } finally {
      if (src != plain) {
        src.release();
      }
      plain.release();
    }
  }

  private ByteBuf wrapAll(ByteBuffer src) throws SecureChannelException {
    // room for a post-handshake message the engine may put first
    int records = src.remaining() / RECORD_PLAINTEXT + 2;
    int capacity = records * engine.getSession().getPacketBufferSize();
    ByteBuf out = alloc.directBuffer(capacity);
    try {
      ByteBuffer dst = out.nioBuffer(0, capacity);
      while (src.hasRemaining()) {
        SSLEngineResult result = engine.wrap(src, dst);
        if (result.getStatus() != Status.OK) {
          throw new TlsException("cannot encrypt: " + result.getStatus());
        }
      }
      return out.writerIndex(dst.position());
    } catch (SSLException | RuntimeException | TlsException e) {
      out.release();
      throw e instanceof TlsException t ? t : new TlsException("cannot encrypt: " + e.getMessage(), e);
    }
  }

  /** After a refusal the engine holds its alert: send it, so the peer learns why (best effort). */
  private void sendAlert() {
    int size = engine.getSession().getPacketBufferSize();
    ByteBuf out = alloc.directBuffer(size);
    try {
      engine.closeOutbound();
      SSLEngineResult result = engine.wrap(Unpooled.EMPTY_BUFFER.nioBuffer(), out.nioBuffer(0, size));
      out.writerIndex(result.bytesProduced());
    } catch (SSLException | RuntimeException e) {
      out.clear();
    }
    if (out.isReadable()) {
      sink.toNetwork(out);
    } else {
      out.release();
    }
  }

  @Override
  public void release() {
    if (released) {
      return;
    }
    released = true;
    inbound.release();
    inbound = Unpooled.EMPTY_BUFFER;
    engine.closeOutbound();
    ReferenceCountUtil.release(engine);
  }
}
