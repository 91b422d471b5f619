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

  private final CipherState sender;
  private final CipherState receiver;
  private final NoiseFrameCodec frames = new NoiseFrameCodec();

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
   * every complete frame and returns their plaintext in a new heap buffer the caller owns (the
   * shared empty buffer when no frame completed). A partial frame is kept for the next call.
   *
   * @throws NoiseException on a wrong key, a tampered or a truncated-to-nothing frame
   */
  public ByteBuf decrypt(ByteBuf in) throws NoiseException {
    frames.append(in);
    // Sized by the frames that are complete, not by all bytes held: a peer trickling a 64 KiB
    // frame a byte per read would otherwise make every read allocate up to 64 KiB.
    ByteBuf out = Unpooled.EMPTY_BUFFER;
    ByteBuf frame;
    while ((frame = frames.nextSlice()) != null) {
      int length = frame.readableBytes();
      int plain = length - ChaChaPoly.TAG_LENGTH;
      if (plain < 0) {
        throw new NoiseException("transport frame too short: " + length + " bytes");
      }
      if (out == Unpooled.EMPTY_BUFFER) {
        out = Unpooled.buffer(plain);
      }
      out.ensureWritable(plain);
      receiver.open(frame, frame.readerIndex(), length, out, out.writerIndex());
      out.writerIndex(out.writerIndex() + plain);
    }
    return out;
  }
}
