package dev.axnode.events.replication;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * The byte stream one {@link ReplicationSession} runs over: a yamux stream through the handshake
 * verticle's links ({@link LinkChannel}) or, in tests, memory. Used from one context.
 */
public interface DuplexChannel {

  /** Sends {@code data} (handing it over); tells whether more may be sent now. */
  boolean write(Buffer data);

  /** Whether the peer has room: when false, wait for the drain handler before sending bulk. */
  boolean writable();

  /** Runs each time the channel becomes writable again after {@link #writable} turned false. */
  void drainHandler(Handler<Void> handler);

  /** Where received bytes go; none arrive while paused. */
  void handler(Handler<Buffer> handler);

  /** Runs once when the peer ends its side: null for a clean end, else why it failed. */
  void endHandler(Handler<String> handler);

  /** Stops handing received bytes over (and stops granting the peer room to send more). */
  void pause();

  /** Hands over what arrived meanwhile and lets the peer send again. */
  void resume();

  /** Ends our side: cleanly when {@code error} is null, else with that error (a stream reset). */
  void end(String error);
}
