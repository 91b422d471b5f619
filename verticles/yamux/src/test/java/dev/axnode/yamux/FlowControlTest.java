package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Windows bound what is in flight; the window grows only when the link, not the reader, limits. */
class FlowControlTest {

  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  private Link link;

  @AfterEach
  void allBuffersReleased() {
    link.shutdown();
    assertEquals(0, link.alloc.live(), "buffers still referenced");
  }

  /** Opens a dialer stream, lets a 1 ms RTT be measured, and returns the listener's end. */
  private YamuxStream openMeasured(YamuxConfig config, YamuxStream[] outbound) {
    link = new Link(config);
    link.clock.advanceMillis(1);
    link.pump();
    assertEquals(1_000_000L, link.listener.rttNanos());
    outbound[0] = link.dialer.openStream();
    link.pump();
    return link.listenerSide.inbound.get(0);
  }

  @Test
  void slowConsumerThrottlesTenMibTransferToTheWindow() {
    YamuxStream[] out = new YamuxStream[1];
    YamuxStream in = openMeasured(new YamuxConfig(), out);
    Sink sink = Sink.attach(in);
    sink.autoConsume = false;
    long[] consumed = {0};
    long[] maxInFlight = {0};
    link.afterEachFrame = () -> {
      long inFlight = link.dataBytesToListener - consumed[0];
      maxInFlight[0] = Math.max(maxInFlight[0], inFlight);
      assertTrue(inFlight <= in.receiveWindow(), "in flight " + inFlight);
    };
    long total = 10L * MIB;
    Producer producer = new Producer(out[0], total, 64 * KIB);
    producer.run();
    while (!sink.ended) {
      link.clock.advanceMillis(10);
      int n = (int) Math.min(32 * KIB, in.unconsumedBytes());
      consumed[0] += n;
      in.consumed(n);
      link.pumpOnce();
    }
    assertEquals(total, sink.received);
    byte[] got = sink.bytes.toByteArray();
    for (int i = 0; i < got.length; i++) {
      if (got[i] != Producer.patternAt(i)) {
        throw new AssertionError("byte " + i + " differs");
      }
    }
    assertEquals(256 * KIB, in.receiveWindow(), "a slow reader never grows the window");
    assertEquals(256 * KIB, maxInFlight[0], "the sender used the whole window, and no more");
  }

  @Test
  void fastConsumerOnShortRttGrowsTheWindowToTheMaximum() {
    YamuxStream[] out = new YamuxStream[1];
    YamuxStream in = openMeasured(new YamuxConfig(), out);
    Sink sink = Sink.attach(in).keepBytes(false);
    int[] lastWindow = {in.receiveWindow()};
    link.afterEachFrame = () -> {
      assertTrue(link.dataBytesToListener - sink.received <= in.receiveWindow());
      assertTrue(in.receiveWindow() >= lastWindow[0], "the window never shrinks");
      lastWindow[0] = in.receiveWindow();
    };
    new Producer(out[0], 48L * MIB, 64 * KIB).run();
    while (!sink.ended) {
      link.clock.advanceMicros(10);
      link.pumpOnce();
    }
    assertEquals(48L * MIB, sink.received);
    assertEquals(YamuxConfig.DEFAULT_MAX_STREAM_WINDOW, in.receiveWindow());
  }

  @Test
  void sessionWindowCapLimitsGrowth() {
    YamuxStream[] out = new YamuxStream[1];
    YamuxStream in = openMeasured(new YamuxConfig().maxSessionWindow(768 * KIB)
        .maxStreamWindow(512 * KIB), out);
    Sink sink = Sink.attach(in).keepBytes(false);
    new Producer(out[0], 8L * MIB, 64 * KIB).run();
    while (!sink.ended) {
      link.clock.advanceMicros(10);
      link.pumpOnce();
    }
    assertEquals(512 * KIB, in.receiveWindow());
  }

  /**
   * Without the ping at start the receiver still learns the RTT: every window update it
   * sends goes with a probe ping while none is in flight, so the sample reflects the path
   * under load (here the fake clock advances 10 µs per frame pumped).
   */
  @Test
  void windowUpdatesProbeTheRoundTripUnderLoad() {
    link = new Link(new YamuxConfig().pingOnStart(false));
    YamuxStream out = link.dialer.openStream();
    link.pump();
    YamuxStream in = link.listenerSide.inbound.get(0);
    Sink sink = Sink.attach(in).keepBytes(false);
    assertEquals(-1, link.listener.rttNanos(), "no sample before any update");
    new Producer(out, 8L * MIB, 64 * KIB).run();
    while (!sink.ended) {
      link.clock.advanceMicros(10);
      link.pumpOnce();
    }
    assertEquals(8L * MIB, sink.received);
    assertTrue(link.listener.rttNanos() > 0, "probes answered");
    assertTrue(link.sentByListener.stream().anyMatch(h -> h.type() == FrameType.PING), "the receiver probed");
    assertTrue(in.receiveWindow() > 256 * KIB, "a fast consumer grows the window");
  }

  @Test
  void writerSeesBackpressureAndDrain() {
    link = new Link(new YamuxConfig().pingOnStart(false).writeHighWaterMark(128 * KIB)
        .maxSendQueue(512 * KIB));
    YamuxStream out = link.dialer.openStream();
    link.pump();
    YamuxStream in = link.listenerSide.inbound.get(0);
    Sink sink = Sink.attach(in).keepBytes(false);
    sink.autoConsume = false;
    int[] drains = {0};
    out.writabilityHandler(() -> drains[0]++);
    while (out.isWritable()) {
      assertTrue(out.write(Unpooled.wrappedBuffer(new byte[64 * KIB])));
    }
    assertEquals(0, out.sendWindow());
    assertEquals(128 * KIB, out.queuedBytes());
    assertTrue(out.write(Unpooled.wrappedBuffer(new byte[384 * KIB])), "up to the hard bound");
    assertFalse(out.write(Unpooled.wrappedBuffer(new byte[1])), "past the hard bound");
    link.pump();
    assertEquals(256 * KIB, sink.received);
    in.consumed((int) in.unconsumedBytes());
    link.pump();
    assertEquals(0, drains[0], "still above half the mark: 512 KiB queued minus 256 KiB");
    in.consumed((int) in.unconsumedBytes());
    link.pump();
    assertEquals(1, drains[0]);
    assertTrue(out.isWritable());
    assertEquals(768 * KIB, sink.received);
  }

  @Test
  void consumingMoreThanReceivedIsRejected() {
    link = new Link();
    YamuxStream out = link.dialer.openStream();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> out.consumed(1));
  }
}
