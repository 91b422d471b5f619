package dev.axnode.events.replication;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/**
 * One end of an in-memory duplex stream with yamux-like flow control: a writer has
 * {@code window} bytes of credit, spends it per write and gets it back as the other end
 * hands bytes to its handler (never while paused). Deliveries run later on the context, as
 * over the event bus. Counts the frames it wrote, by type.
 */
final class MemoryChannel implements DuplexChannel {

  private final Context context;
  private final long window;
  private MemoryChannel other;
  private long credit;
  private boolean paused;
  private boolean ended;
  private boolean peerEnded;
  private final ArrayDeque<Object> inbox = new ArrayDeque<>();
  private Handler<Buffer> handler;
  private Handler<String> endHandler;
  private Handler<Void> drainHandler;
  private final FrameDecoder tap = new FrameDecoder();
  final Map<FrameType, Integer> written = new EnumMap<>(FrameType.class);
  long bytesWritten;
  /** Tests can stop an end from granting credit, as a peer that does not read. */
  boolean stalled;
  /** Off for throughput runs: counting decodes every frame a second time. */
  boolean countFrames = true;

  private MemoryChannel(Context context, long window) {
    this.context = context;
    this.window = window;
    this.credit = window;
  }

  /** Two connected ends. */
  static MemoryChannel[] pair(Context context, long window) {
    MemoryChannel a = new MemoryChannel(context, window);
    MemoryChannel b = new MemoryChannel(context, window);
    a.other = b;
    b.other = a;
    return new MemoryChannel[] {a, b};
  }

  @Override
  public boolean write(Buffer data) {
    if (ended) {
      return false;
    }
    if (countFrames) {
      tap.feed(data.copy());
      for (ReplicationFrame f = tap.next(); f != null; f = tap.next()) {
        written.merge(f.type(), 1, Integer::sum);
      }
    }
    bytesWritten += data.length();
    credit -= data.length();
    context.runOnContext(v -> other.arrive(data));
    return credit > 0;
  }

  int count(FrameType type) {
    return written.getOrDefault(type, 0);
  }

  @Override
  public boolean writable() {
    return !ended && credit > 0;
  }

  @Override
  public void drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
  }

  @Override
  public void handler(Handler<Buffer> handler) {
    this.handler = handler;
    deliver();
  }

  @Override
  public void endHandler(Handler<String> handler) {
    this.endHandler = handler;
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    deliver();
  }

  @Override
  public void end(String error) {
    if (!ended) {
      ended = true;
      context.runOnContext(v -> other.arrive(new End(error)));
    }
  }

  /** Lets a stalled end read again. */
  void unstall() {
    stalled = false;
    deliver();
  }

  private void arrive(Object item) {
    inbox.add(item);
    deliver();
  }

  private void deliver() {
    while (!paused && !stalled && handler != null && !inbox.isEmpty() && !peerEnded) {
      Object item = inbox.poll();
      if (item instanceof End end) {
        peerEnded = true;
        if (endHandler != null) {
          endHandler.handle(end.error());
        }
        return;
      }
      Buffer data = (Buffer) item;
      handler.handle(data);
      other.granted(data.length());
    }
  }

  private void granted(long bytes) {
    boolean wasBlocked = credit <= 0;
    credit += bytes;
    if (wasBlocked && credit > 0 && drainHandler != null && !ended) {
      drainHandler.handle(null);
    }
  }

  private record End(String error) {
  }
}
