package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

/**
 * A decoded frame: its header and, for DATA, its payload (empty otherwise). Whoever gets a
 * Frame from {@link FrameCodec#decode} owns the payload and must release it.
 */
public record Frame(FrameHeader header, ByteBuf payload) {
}
