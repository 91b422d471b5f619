package dev.axnode.securechannel.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The two transport CipherStates after a completed handshake, with libp2p framing. The
 * initiator sends with the first cipher of Split(), the responder with the second.
 *
 * <pre>
 *   frame = u16 big-endian length ‖ ChaChaPoly(k, 00000000 ‖ le64(n), ad = empty, plaintext)
 *   length &lt;= 65535  =&gt;  plaintext &lt;= 65519 bytes per frame
 * </pre>
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/noise/README.md#noise-transport
 *
 * <p>Not thread-safe: one event loop drives both directions, or one per direction.
 */
public final class NoiseTransport {

  public static final int MAX_PLAINTEXT = NoiseFrameCodec.MAX_FRAME - ChaChaPoly.TAG_LENGTH;

  /**
   * Above this capacity an empty inbound buffer is dropped rather than kept for the next
   * read: normal reads (up to one frame plus one 64 KiB read) never get there, so an idle
   * connection holds at most this much.
   */
  static final int IDLE_CAPACITY = 256 * 1024;

  private final CipherState sender;
  private final CipherState receiver;
  /**
   * Ciphertext as it arrives, decrypted in place: frames are opened towards its start, so
   * their plaintext ends up contiguous and no buffer is made per read. Kept across reads
   * while no plaintext slice of it is still held elsewhere.
   */
  private ByteBuf inbound = Unpooled.EMPTY_BUFFER;

  NoiseTransport(CipherState sender, CipherState receiver) {
    this.sender = sender;
    this.receiver = receiver;
  }

  /** One transport message, without the length prefix. */
  public byte[] encryptMessage(byte[] plaintext) throws NoiseException {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("at most " + MAX_PLAINTEXT + " plaintext bytes per message");
    }
    return sender.encryptWithAd(new byte[0], plaintext);
  }

  /** One transport message, without the length prefix. */
  public byte[] decryptMessage(byte[] ciphertext) throws NoiseException {
    if (ciphertext.length > NoiseFrameCodec.MAX_FRAME) {
      throw new NoiseException("transport message too large: " + ciphertext.length + " bytes");
    }
    return receiver.decryptWithAd(new byte[0], ciphertext);
  }

  /**
   * Encrypts all readable bytes of {@code plaintext} (consumed; still the caller's to release)
   * into as many frames as needed, each with at most {@link #MAX_PLAINTEXT} bytes. Returns a new
   * heap buffer the caller owns; empty input gives an empty buffer.
   */
  public ByteBuf encrypt(ByteBuf plaintext) throws NoiseException {
    int total = plaintext.readableBytes();
    int frameCount = (total + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT;
    ByteBuf out = Unpooled.buffer(total + frameCount * (NoiseFrameCodec.LENGTH_PREFIX + ChaChaPoly.TAG_LENGTH));
    while (plaintext.isReadable()) {
      int chunk = Math.min(plaintext.readableBytes(), MAX_PLAINTEXT);
      int sealed = chunk + ChaChaPoly.TAG_LENGTH;
      out.writeShort(sealed);
      sender.seal(plaintext, plaintext.readerIndex(), chunk, out, out.writerIndex());
      plaintext.skipBytes(chunk);
      out.writerIndex(out.writerIndex() + sealed);
    }
    return out;
  }

  /**
   * Takes all readable bytes of {@code in} (consumed; still the caller's to release), decrypts
   * every complete frame and returns their plaintext (the shared empty buffer when none
   * completed); a partial frame is kept
   * for the next call. The result is a retained slice of this transport's inbound buffer: the
   * caller must release it. The buffer is reused for the next read once every slice of it is
   * released, and replaced while one is still held, so a held slice never changes.
   *
   * <pre>
   *   before: [ len | ciphertext+tag ][ len | ciphertext+tag ][ len | partial…
   *   after:  [ plaintext ][ plaintext ]  (junk)               [ len | partial…
   *           ^ returned slice            ^ reader index ─────┘
   * </pre>
   *
   * @throws NoiseException on a wrong key, a tampered or a truncated-to-nothing frame
   */
  public ByteBuf decrypt(ByteBuf in) throws NoiseException {
    ByteBuf buf = inbound(in);
    int plainStart = buf.readerIndex();
    int plainEnd = plainStart;
    while (buf.readableBytes() >= NoiseFrameCodec.LENGTH_PREFIX) {
      int length = buf.getUnsignedShort(buf.readerIndex());
      if (buf.readableBytes() < NoiseFrameCodec.LENGTH_PREFIX + length) {
        break;
      }
      if (length < ChaChaPoly.TAG_LENGTH) {
        throw new NoiseException("transport frame too short: " + length + " bytes");
      }
      // the output starts at least the 2 length bytes before the input: ChaCha20 works forwards, so safe
      receiver.open(buf, buf.readerIndex() + NoiseFrameCodec.LENGTH_PREFIX, length, buf, plainEnd);
      plainEnd += length - ChaChaPoly.TAG_LENGTH;
      buf.skipBytes(NoiseFrameCodec.LENGTH_PREFIX + length);
    }
    // No frame completed (a frame trickling in): nothing to allocate, not even a slice.
    return plainEnd == plainStart ? Unpooled.EMPTY_BUFFER : buf.retainedSlice(plainStart, plainEnd - plainStart);
  }

  /** The inbound buffer with {@code in} appended after the partial frame left from the last read. */
  private ByteBuf inbound(ByteBuf in) {
    int needed = inbound.readableBytes() + in.readableBytes();
    boolean held = inbound.refCnt() > 1;
    if (held || inbound.maxCapacity() == 0 || (!inbound.isReadable() && inbound.capacity() > IDLE_CAPACITY)) {
      // held: a plaintext slice from an earlier read is still in use (e.g. queued in a yamux stream)
      ByteBuf fresh = Unpooled.buffer(Math.min(needed, IDLE_CAPACITY), Integer.MAX_VALUE);
      fresh.writeBytes(inbound);
      inbound.release();
      inbound = fresh;
    } else if (inbound.isReadable()) {
      inbound.discardReadBytes();
    } else {
      inbound.clear();
    }
    inbound.writeBytes(in);
    return inbound;
  }
}
