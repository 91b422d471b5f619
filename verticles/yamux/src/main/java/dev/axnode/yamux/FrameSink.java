package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

/**
 * Where a session writes its encoded frames, one whole frame per call, in wire order.
 *
 * <p>The sink takes ownership of the buffer and must release it once written. It must not
 * feed sessions synchronously from inside {@code send} (queue the bytes, as a socket
 * does): frames would interleave with the sender's own bookkeeping. If it throws, the
 * exception reaches whoever caused the send; inside {@code receive()} it closes the
 * session with INTERNAL_ERROR instead.
 */
@FunctionalInterface
public interface FrameSink {
  void send(ByteBuf frame);
}
