package dev.axnode.securechannel.protocols;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The perf server on one stream: the 8-byte size (any split), then the upload drained and
 * counted until FIN, then the wanted bytes in {@link Perf#CHUNK_SIZE} writes paced by the
 * stream's writability, never queued all at once, then FIN.
 */
final class PerfServer extends ProtocolStream {

  private final byte[] chunk = new byte[Perf.CHUNK_SIZE];
  private long header;
  private int headerBytes;
  private long uploaded;
  private long remaining;

  PerfServer(YamuxStream stream) {
    super(stream);
  }

  /** Bytes received after the size header. */
  long uploaded() {
    return uploaded;
  }

  @Override
  protected void onBytes(ByteBuf in) {
    while (headerBytes < Long.BYTES && in.isReadable()) {
      header = (header << 8) | in.readUnsignedByte();
      headerBytes++;
      if (headerBytes == Long.BYTES && Long.compareUnsigned(header, Perf.MAX_BYTES_WANTED) > 0) {
        throw new PerfException("client wants " + Long.toUnsignedString(header) + " bytes, more than "
            + Perf.MAX_BYTES_WANTED);
      }
    }
    uploaded += in.readableBytes();
    in.skipBytes(in.readableBytes());
  }

  @Override
  protected void onEnd() {
    if (headerBytes < Long.BYTES) {
      throw new PerfException("stream ended after " + headerBytes + " of the 8 size bytes");
    }
    finish();
    remaining = header;
    stream.writabilityHandler(this::send);
    send();
  }

  private void send() {
    while (remaining > 0 && stream.isWritable()) {
      int n = (int) Math.min(remaining, chunk.length);
      remaining -= n;
      if (!stream.write(Unpooled.wrappedBuffer(chunk, 0, n))) {
        stream.reset();
        return;
      }
    }
    if (remaining == 0) {
      stream.writabilityHandler(null);
      stream.closeWrite();
    }
  }

  @Override
  protected void onFailure(StreamProtocolException error) {
    // Nothing waits for the server; the stream is already reset.
  }

  @Override
  protected StreamProtocolException error(String message, Throwable cause) {
    return new PerfException(message, cause);
  }
}
