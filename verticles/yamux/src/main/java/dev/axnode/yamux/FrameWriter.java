package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The outbound half of a session: encodes frames into the {@link FrameSink} and keeps the
 * output pause. While paused no DATA is offered here (streams hold it in their queues),
 * and control frames are counted against {@code maxControlBacklog}: they still go out,
 * because the peer needs them (window updates, PING answers, FIN, RST), but a peer that
 * keeps asking while never reading must not grow the queue below us without end.
 * Not thread-safe.
 */
final class FrameWriter {

  private final FrameSink out;
  private final ByteBufAllocator alloc;
  private final int maxControlBacklog;
  private boolean paused;
  private long controlBacklog;

  FrameWriter(FrameSink out, YamuxConfig config) {
    this.out = out;
    this.alloc = config.allocator();
    this.maxControlBacklog = config.maxControlBacklog();
  }

  /**
   * Sends a frame, taking ownership of the payload. Returns false, sending nothing, when
   * a control frame would take the backlog of a paused output past its bound.
   */
  boolean send(FrameHeader header, ByteBuf payload) {
    if (paused && header.type() != FrameType.DATA) {
      if (controlBacklog + FrameHeader.SIZE > maxControlBacklog) {
        payload.release();
        return false;
      }
      controlBacklog += FrameHeader.SIZE;
    }
    write(header, payload);
    return true;
  }

  /** Sends a frame regardless of the backlog: the last GO_AWAY of a failing session. */
  void write(FrameHeader header, ByteBuf payload) {
    out.send(FrameCodec.encode(alloc, header, payload));
  }

  void pause() {
    paused = true;
  }

  /** Ends a pause and clears the backlog; returns false if output was not paused. */
  boolean resume() {
    if (!paused) {
      return false;
    }
    paused = false;
    controlBacklog = 0;
    return true;
  }

  boolean isPaused() {
    return paused;
  }

  /** Bytes of control frames sent since the pause began. */
  long controlBacklog() {
    return controlBacklog;
  }

  int maxControlBacklog() {
    return maxControlBacklog;
  }
}
