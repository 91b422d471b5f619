package dev.axnode.yamux;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A dialer and a listener session wired back to back through two queues, so each side's
 * output reaches the other only when the test pumps: asynchrony without threads or sleeps.
 */
final class Link {

  /** One side's application: records inbound streams and how the session ended. */
  static final class Side implements YamuxSession.Listener {
    final List<YamuxStream> inbound = new ArrayList<>();
    Consumer<YamuxStream> onStream = s -> { };
    boolean closed;
    Throwable closeCause;

    @Override
    public void onStream(YamuxStream stream) {
      inbound.add(stream);
      onStream.accept(stream);
    }

    @Override
    public void onClose(Throwable cause) {
      closed = true;
      closeCause = cause;
    }
  }

  final TrackingAllocator alloc = new TrackingAllocator();
  final FakeClock clock = new FakeClock();
  final ArrayDeque<ByteBuf> toListener = new ArrayDeque<>();
  final ArrayDeque<ByteBuf> toDialer = new ArrayDeque<>();
  final Side dialerSide = new Side();
  final Side listenerSide = new Side();
  final List<FrameHeader> sentByDialer = new ArrayList<>();
  final List<FrameHeader> sentByListener = new ArrayList<>();
  final YamuxSession dialer;
  final YamuxSession listener;
  /** Called after every frame delivered to either side. */
  Runnable afterEachFrame = () -> { };
  long dataBytesToListener;

  Link() {
    this(new YamuxConfig().pingOnStart(false));
  }

  Link(YamuxConfig base) {
    YamuxConfig config = new YamuxConfig(base).allocator(alloc).clock(clock);
    dialer = new YamuxSession(Role.DIALER, config, frame -> {
      FrameHeader h = peek(frame);
      sentByDialer.add(h);
      if (h.type() == FrameType.DATA) {
        dataBytesToListener += h.length();
      }
      toListener.add(frame);
    }, dialerSide);
    listener = new YamuxSession(Role.LISTENER, config, frame -> {
      sentByListener.add(peek(frame));
      toDialer.add(frame);
    }, listenerSide);
  }

  static FrameHeader peek(ByteBuf frame) {
    return FrameCodec.readHeader(frame.duplicate());
  }

  /** Delivers frames both ways until both queues stay empty; returns frames delivered. */
  int pump() {
    int moved = 0;
    while (!toListener.isEmpty() || !toDialer.isEmpty()) {
      moved += pumpOnce();
    }
    return moved;
  }

  /** Delivers only the frames queued right now, in both directions. */
  int pumpOnce() {
    int moved = deliver(toListener, listener, toListener.size());
    return moved + deliver(toDialer, dialer, toDialer.size());
  }

  private int deliver(ArrayDeque<ByteBuf> queue, YamuxSession to, int count) {
    for (int i = 0; i < count; i++) {
      ByteBuf frame = queue.poll();
      to.receive(frame);
      frame.release();
      afterEachFrame.run();
    }
    return count;
  }

  /** Drops undelivered frames, closes both sessions and releases everything still queued. */
  void shutdown() {
    dialer.close();
    listener.close();
    toListener.forEach(ByteBuf::release);
    toDialer.forEach(ByteBuf::release);
    toListener.clear();
    toDialer.clear();
  }
}
