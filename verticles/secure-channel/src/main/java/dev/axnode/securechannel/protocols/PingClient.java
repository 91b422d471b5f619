package dev.axnode.securechannel.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The dialer's side of {@code /ipfs/ping/1.0.0} on one negotiated stream: one ping at a time,
 * as many as wanted, then {@link #close}. Single-threaded: use it on the session's thread.
 */
public final class PingClient extends ProtocolStream {

  private final LongSupplier nanoClock;
  private final Random random;
  private final byte[] sent = new byte[Ping.PAYLOAD_SIZE];
  private final byte[] echo = new byte[Ping.PAYLOAD_SIZE];
  private int echoed;
  private long startNanos;
  private CompletableFuture<Duration> pending;
  private StreamProtocolException failure;

  PingClient(NegotiatedStream opened, LongSupplier nanoClock, Random random) {
    super(opened.stream());
    this.nanoClock = nanoClock;
    this.random = random;
    start(opened.leftover());
  }

  /**
   * Sends 32 random bytes; completes with the round-trip time when the same bytes come back.
   * Fails with a {@link PingException} on a wrong echo, a closed or reset stream.
   *
   * @throws IllegalStateException if a ping is still outstanding
   */
  public CompletableFuture<Duration> ping() {
    if (pending != null) {
      throw new IllegalStateException("ping: one ping at a time");
    }
    CompletableFuture<Duration> result = new CompletableFuture<>();
    if (failure != null || isFinished()) {
      result.completeExceptionally(failure != null ? failure : new PingException("stream is closed"));
      return result;
    }
    random.nextBytes(sent);
    echoed = 0;
    pending = result;
    startNanos = nanoClock.getAsLong();
    if (!stream.write(Unpooled.copiedBuffer(sent))) {
      fail(new PingException("stream refused the ping"));
    }
    return result;
  }

  /** Ends the ping stream politely (FIN); an outstanding ping still completes. */
  public void close() {
    stream.closeWrite();
  }

  @Override
  protected void onBytes(ByteBuf in) {
    if (pending == null) {
      throw new PingException("unexpected " + in.readableBytes() + " bytes with no ping outstanding");
    }
    int n = in.readableBytes();
    if (echoed + n > Ping.PAYLOAD_SIZE) {
      throw new PingException("echo longer than " + Ping.PAYLOAD_SIZE + " bytes");
    }
    in.readBytes(echo, echoed, n);
    echoed += n;
    if (echoed < Ping.PAYLOAD_SIZE) {
      return;
    }
    if (!MessageDigest.isEqual(sent, echo)) {
      throw new PingException("echo does not match the ping");
    }
    long rtt = nanoClock.getAsLong() - startNanos;
    CompletableFuture<Duration> done = pending;
    pending = null;
    done.complete(Duration.ofNanos(rtt));
  }

  @Override
  protected void onEnd() {
    finish();
    stream.closeWrite();
    if (pending != null) {
      failure = new PingException("stream closed by the peer");
      CompletableFuture<Duration> done = pending;
      pending = null;
      done.completeExceptionally(failure);
    }
  }

  @Override
  protected void onFailure(StreamProtocolException error) {
    failure = error;
    if (pending != null) {
      CompletableFuture<Duration> done = pending;
      pending = null;
      done.completeExceptionally(error);
    }
  }

  @Override
  protected StreamProtocolException error(String message, Throwable cause) {
    return new PingException(message, cause);
  }
}
