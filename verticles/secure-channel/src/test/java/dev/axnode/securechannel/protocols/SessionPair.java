package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.yamux.Role;
import dev.axnode.yamux.YamuxConfig;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Two real yamux sessions back to back through queues, each routing inbound streams through
 * its own {@link StreamProtocols}. Frames cross only when the test pumps; each is copied
 * into a tracked buffer as a socket read would, so leaks show in {@link #assertNoLeaks}.
 */
final class SessionPair {

  /** One side's session listener. */
  static final class Side implements YamuxSession.Listener {
    final StreamProtocols protocols;
    final List<YamuxStream> inbound = new ArrayList<>();
    boolean closed;
    Throwable closeCause;

    Side(StreamProtocols protocols) {
      this.protocols = protocols;
    }

    @Override
    public void onStream(YamuxStream stream) {
      inbound.add(stream);
      protocols.accept(stream);
    }

    @Override
    public void onClose(Throwable cause) {
      closed = true;
      closeCause = cause;
    }
  }

  final TrackingAllocator alloc = new TrackingAllocator();
  final ArrayDeque<ByteBuf> toListener = new ArrayDeque<>();
  final ArrayDeque<ByteBuf> toDialer = new ArrayDeque<>();
  final Side dialerSide;
  final Side listenerSide;
  final YamuxSession dialer;
  final YamuxSession listener;
  long framesMoved;
  /** Runs after every frame delivered to either side. */
  Runnable afterEachDelivery = () -> { };

  SessionPair(StreamProtocols dialerProtocols, StreamProtocols listenerProtocols) {
    YamuxConfig config = new YamuxConfig().pingOnStart(false).allocator(alloc);
    dialerSide = new Side(dialerProtocols);
    listenerSide = new Side(listenerProtocols);
    dialer = new YamuxSession(Role.DIALER, config, toListener::add, dialerSide);
    listener = new YamuxSession(Role.LISTENER, config, toDialer::add, listenerSide);
  }

  /** Delivers frames both ways until both queues stay empty. */
  void pump() {
    while (!toListener.isEmpty() || !toDialer.isEmpty()) {
      deliver(toListener, listener);
      deliver(toDialer, dialer);
    }
  }

  private void deliver(ArrayDeque<ByteBuf> queue, YamuxSession to) {
    for (int i = queue.size(); i > 0; i--) {
      ByteBuf frame = queue.poll();
      ByteBuf wire = alloc.heapBuffer(frame.readableBytes()).writeBytes(frame);
      frame.release();
      to.receive(wire);
      wire.release();
      framesMoved++;
      afterEachDelivery.run();
    }
  }

  /** Closes both sessions, drops undelivered frames and checks that nothing leaked. */
  void shutdownAndCheck() {
    dialer.close();
    listener.close();
    toListener.forEach(ByteBuf::release);
    toDialer.forEach(ByteBuf::release);
    toListener.clear();
    toDialer.clear();
    assertNoLeaks();
  }

  void assertNoLeaks() {
    assertEquals(0, alloc.live(), "buffers still referenced");
  }
}
