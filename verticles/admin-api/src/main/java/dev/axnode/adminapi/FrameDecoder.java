package dev.axnode.adminapi;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a stream's bytes into the secure API's frames, incrementally and bounded.
 *
 * <pre>
 * +----------------------------+------------------------------+
 * | length: u32, big-endian    | UTF-8 JSON object (length B) |
 * +----------------------------+------------------------------+
 * </pre>
 *
 * See {@code ADMIN-PROTOCOL.md}. A declared length above {@link #MAX_FRAME} fails before any
 * of the body is buffered; a body's buffer grows with the bytes that actually arrived, so a
 * peer that announces 1 MiB and sends ten bytes holds ten bytes. Single-threaded.
 */
final class FrameDecoder {

  /** The largest JSON body of one frame: 1 MiB. */
  static final int MAX_FRAME = 1024 * 1024;
  static final int HEADER = 4;
  private static final int FIRST_CHUNK = 4096;

  private final int maxFrame;
  private final byte[] header = new byte[HEADER];
  private int headerFill;
  private int length = -1;
  private byte[] body;
  private int bodyFill;

  FrameDecoder() {
    this(MAX_FRAME);
  }

  FrameDecoder(int maxFrame) {
    this.maxFrame = maxFrame;
  }

  /**
   * Reads all of {@code in} (the caller keeps ownership) and hands each complete body to
   * {@code frames}, in order.
   *
   * @throws FrameException if a frame declares more than the maximum; the decoder is then spent
   */
  void decode(ByteBuf in, Consumer<byte[]> frames) throws FrameException {
    while (in.isReadable()) {
      if (length < 0) {
        int n = Math.min(HEADER - headerFill, in.readableBytes());
        in.readBytes(header, headerFill, n);
        headerFill += n;
        if (headerFill < HEADER) {
          return;
        }
        long declared = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
            | (header[3] & 0xFF);
        if (declared > maxFrame) {
          throw new FrameException("frame of " + declared + " bytes exceeds the limit of " + maxFrame + " bytes");
        }
        length = (int) declared;
        body = new byte[Math.min(length, FIRST_CHUNK)];
        bodyFill = 0;
      }
      int n = Math.min(length - bodyFill, in.readableBytes());
      if (bodyFill + n > body.length) {
        body = Arrays.copyOf(body, Math.min(length, Math.max(body.length * 2, bodyFill + n)));
      }
      in.readBytes(body, bodyFill, n);
      bodyFill += n;
      if (bodyFill == length) {
        byte[] complete = body;
        body = null;
        length = -1;
        headerFill = 0;
        frames.accept(complete);
      }
    }
  }

  /** Whether part of a frame was read: the stream must not end here. */
  boolean inFrame() {
    return headerFill > 0;
  }

  /** A frame the decoder cannot accept. */
  static final class FrameException extends Exception {
    FrameException(String message) {
      super("admin frame: " + message);
    }
  }
}
