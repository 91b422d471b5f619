package dev.axnode.securechannel.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The perf client on one negotiated stream: sends the wanted size, uploads paced by
 * writability, half-closes, then counts the download until the server's FIN.
 */
final class PerfClient extends ProtocolStream {

  private final CompletableFuture<PerfResult> result = new CompletableFuture<>();
  private final byte[] chunk = new byte[Perf.CHUNK_SIZE];
  private final LongSupplier nanoClock;
  private final long uploadBytes;
  private final long downloadBytes;
  private final ByteBuf leftover;
  private final PerfProgress progress;
  private long uploadRemaining;
  private long downloaded;
  private long startNanos;
  private long uploadDoneNanos = -1;

  PerfClient(NegotiatedStream opened, long uploadBytes, long downloadBytes, LongSupplier nanoClock,
      PerfProgress progress) {
    super(opened.stream());
    this.uploadBytes = uploadBytes;
    this.downloadBytes = downloadBytes;
    this.nanoClock = nanoClock;
    this.leftover = opened.leftover();
    this.progress = progress;
  }

  static void check(long uploadBytes, long downloadBytes) {
    if (uploadBytes < 0 || downloadBytes < 0 || downloadBytes > Perf.MAX_BYTES_WANTED) {
      throw new IllegalArgumentException("perf: upload must be >= 0 and download within 0 .. "
          + Perf.MAX_BYTES_WANTED);
    }
  }

  CompletableFuture<PerfResult> run() {
    startNanos = nanoClock.getAsLong();
    uploadRemaining = uploadBytes;
    start(leftover);
    if (!isFinished()) {
      stream.write(Unpooled.buffer(Long.BYTES).writeLong(downloadBytes));
      stream.writabilityHandler(this::upload);
      upload();
    }
    return result;
  }

  private void upload() {
    while (uploadRemaining > 0 && stream.isWritable()) {
      int n = (int) Math.min(uploadRemaining, chunk.length);
      uploadRemaining -= n;
      progress.addUploaded(n);
      if (!stream.write(Unpooled.wrappedBuffer(chunk, 0, n))) {
        fail(new PerfException("stream refused upload bytes"));
        return;
      }
    }
    if (uploadRemaining == 0 && !stream.isWriteClosed()) {
      stream.writabilityHandler(null);
      stream.closeWrite();
    }
  }

  @Override
  protected void onBytes(ByteBuf in) {
    int n = in.readableBytes();
    if (n > 0 && uploadDoneNanos < 0) {
      uploadDoneNanos = nanoClock.getAsLong();
    }
    downloaded += n;
    progress.addDownloaded(n);
    in.skipBytes(n);
    if (downloaded > downloadBytes) {
      throw new PerfException("server sent more than the " + downloadBytes + " bytes asked for");
    }
  }

  @Override
  protected void onEnd() {
    long now = nanoClock.getAsLong();
    if (uploadRemaining > 0) {
      throw new PerfException("server closed before the upload ended");
    }
    if (downloaded != downloadBytes) {
      throw new PerfException("server sent " + downloaded + " bytes, " + downloadBytes + " were asked for");
    }
    finish();
    long uploadDone = uploadDoneNanos < 0 ? now : uploadDoneNanos;
    result.complete(new PerfResult(uploadBytes, downloaded, uploadDone - startNanos, now - uploadDone));
  }

  @Override
  protected void onFailure(StreamProtocolException error) {
    result.completeExceptionally(error);
  }

  @Override
  protected StreamProtocolException error(String message, Throwable cause) {
    return new PerfException(message, cause);
  }
}
