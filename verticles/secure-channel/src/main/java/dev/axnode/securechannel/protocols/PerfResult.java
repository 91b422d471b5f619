package dev.axnode.securechannel.protocols;

/**
 * One perf run as the client saw it. The upload phase lasts from the first byte written
 * until the first downloaded byte (or the server's FIN): the server answers only after it
 * read our FIN, so the upload counts as received. The download phase lasts from there to
 * the server's FIN.
 */
public record PerfResult(long uploadBytes, long downloadBytes, long uploadNanos, long downloadNanos) {

  public double uploadSeconds() {
    return uploadNanos / 1e9;
  }

  public double downloadSeconds() {
    return downloadNanos / 1e9;
  }

  public double totalSeconds() {
    return (uploadNanos + downloadNanos) / 1e9;
  }
}
