package dev.axnode.securechannel.protocols;

/**
 * How far one perf run has got: bytes handed to the stream for upload (bounded by the yamux
 * window, so at most a window ahead of what the peer received) and bytes downloaded. Written
 * on the stream's context, read from any thread, hence volatile.
 */
public final class PerfProgress {

  private volatile long uploaded;
  private volatile long downloaded;

  public long uploaded() {
    return uploaded;
  }

  public long downloaded() {
    return downloaded;
  }

  void addUploaded(long bytes) {
    uploaded += bytes; // one writer: the stream's context
  }

  void addDownloaded(long bytes) {
    downloaded += bytes;
  }
}
