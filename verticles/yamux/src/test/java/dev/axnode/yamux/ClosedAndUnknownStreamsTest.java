package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames for streams that are not open: never-opened ids are protocol errors, closed ones
 * take late DATA only within the credit the peer still had, nothing is ever buffered.
 */
class ClosedAndUnknownStreamsTest {

  private static final int KIB = 1024;

  private WirePeer peer = new WirePeer();

  @AfterEach
  void allBuffersReleased() {
    peer.closeAndCheck();
  }

  @Test
  void dataForANeverOpenedStreamFailsOnItsHeaderWithoutHoldingThePayload() {
    peer.feedHeader(FrameHeader.data(5, 0, 16 * 1024 * KIB));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "stream 5 that was never opened");
    peer.session.receive(Unpooled.wrappedBuffer(new byte[4096]));
    assertTrue(peer.alloc.liveCapacity() < KIB, "held " + peer.alloc.liveCapacity());
  }

  @Test
  void everyFrameForANeverOpenedStreamIsAProtocolError() {
    List<FrameHeader> strays = List.of(
        FrameHeader.windowUpdate(99, 0, 1000),
        FrameHeader.windowUpdate(77, Flags.RST, 0),
        FrameHeader.windowUpdate(75, Flags.ACK, 0),
        FrameHeader.data(53, Flags.FIN, 0),
        FrameHeader.data(0, 0, 0),
        FrameHeader.windowUpdate(0, 0, 100),
        // Our own parity, but the listener never opened stream 4.
        FrameHeader.windowUpdate(4, 0, 1));
    for (FrameHeader stray : strays) {
      peer.closeAndCheck();
      peer = new WirePeer();
      peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
      peer.feed(stray);
      peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "never opened");
    }
  }

  @Test
  void dataAfterOurResetIsDroppedWithinTheWindowThePeerStillHad() {
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    peer.feedData(1, 0, 100 * KIB);
    YamuxStream stream = peer.app.inbound.get(0);
    stream.reset();
    assertEquals("000100080000000100000000", ByteBufUtil.hexDump(peer.sent.get(peer.sent.size() - 1)),
        "WINDOW_UPDATE|RST on stream 1");
    int before = peer.sent.size();
    // Frames the peer had in flight when our RST crossed them: 156 KiB of credit left.
    peer.feedData(1, 0, 100 * KIB);
    peer.feedData(1, Flags.FIN, 56 * KIB);
    peer.feed(FrameHeader.windowUpdate(1, 0, 5000));
    assertFalse(peer.session.isClosed());
    assertEquals(before, peer.sent.size(), "dropped quietly");
    assertEquals(100 * KIB, peer.sinks.get(0).received, "nothing after the reset was delivered");
    peer.feedData(1, 0, 1);
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "exceeds window 0");
  }

  @Test
  void oversizedDataForAClosedStreamFailsOnItsHeader() {
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    peer.app.inbound.get(0).reset();
    peer.feedHeader(FrameHeader.data(1, 0, 256 * KIB + 1));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "exceeds window 262144");
    assertTrue(peer.alloc.liveCapacity() < KIB);
  }

  @Test
  void dataAfterThePeersOwnFinIsCountedAgainstItsCredit() {
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    // 100 KiB consumed is less than half the window: no update, 156 KiB of credit left.
    peer.feedData(1, Flags.FIN, 100 * KIB);
    peer.feedData(1, 0, 156 * KIB);
    assertFalse(peer.session.isClosed(), "within the credit: dropped");
    assertEquals(100 * KIB, peer.sinks.get(0).received);
    peer.feedHeader(FrameHeader.data(1, 0, 1));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "exceeds window 0");
  }

  @Test
  void dataWithARefusedSynCountsAgainstTheSpecWindow() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, new YamuxConfig().maxInboundStreams(1));
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    peer.feedData(3, Flags.SYN, 1000);
    assertEquals(FrameHeader.windowUpdate(3, Flags.RST, 0), peer.lastSent());
    assertEquals(1, peer.session.streamCount());
    peer.feedData(3, 0, 255 * KIB);
    assertFalse(peer.session.isClosed());
    peer.feedData(3, 0, 24);
    assertFalse(peer.session.isClosed(), "exactly the spec window");
    peer.feedData(3, 0, 1);
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "exceeds window 0");
  }

  /**
   * Past {@link ClosedStreams#CAPACITY} closed streams the oldest are forgotten; together
   * they may still receive one spec window of late DATA, no more.
   */
  @Test
  void forgottenStreamsShareOneSpecWindowOfLateData() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, new YamuxConfig().streamOpenBurst(10_000));
    int closed = ClosedStreams.CAPACITY + 3;
    for (int i = 0; i < closed; i++) {
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.SYN, 0));
      peer.app.inbound.get(i).reset();
      peer.sent.forEach(io.netty.buffer.ByteBuf::release);
      peer.sent.clear();
    }
    long newest = 1 + 2L * (closed - 1);
    peer.feedData(newest, 0, 256 * KIB);
    peer.feedData(1, 0, 200 * KIB);
    peer.feedData(3, 0, 56 * KIB);
    assertFalse(peer.session.isClosed(), "late data within the shared window");
    peer.feed(FrameHeader.windowUpdate(5, 0, 100));
    assertFalse(peer.session.isClosed(), "window updates for old streams are fine");
    peer.feedData(7, 0, 256 * KIB);
    assertFalse(peer.session.isClosed(), "stream 7 is still remembered with its own credit");
    peer.feedHeader(FrameHeader.data(5, 0, 1));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "exceeds window 0");
  }

  @Test
  void anIdAboveTheHighestOpenedIsNeverOpenedEvenAfterManyCloses() {
    for (int i = 0; i < 10; i++) {
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.SYN, 0));
      peer.app.inbound.get(i).reset();
    }
    peer.feed(FrameHeader.windowUpdate(7, 0, 1));
    assertFalse(peer.session.isClosed());
    peer.feed(FrameHeader.windowUpdate(21, 0, 1));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "stream 21 that was never opened");
  }

  @Test
  void lateFramesForOurOwnClosedStreamsAreFine() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.DIALER, new YamuxConfig());
    YamuxStream out = peer.session.openStream();
    peer.feed(FrameHeader.windowUpdate(out.id(), Flags.ACK, 0));
    out.reset();
    // js-libp2p and go send WINDOW_UPDATE|ACK late, and data that crossed our RST.
    peer.feed(FrameHeader.windowUpdate(out.id(), Flags.ACK, 1000));
    peer.feedData(out.id(), 0, 1000);
    assertFalse(peer.session.isClosed());
    peer.feed(FrameHeader.windowUpdate(3, 0, 1));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "stream 3 that was never opened");
  }

  @Test
  void streamsThatClosedNormallyAreNotRemembered() {
    List<YamuxStream> streams = new ArrayList<>();
    peer.onStream = s -> {
      streams.add(s);
      peer.sinks.add(Sink.attach(s));
    };
    for (int i = 0; i < 100; i++) {
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.SYN, 0));
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.FIN, 0));
      streams.get(i).closeWrite();
    }
    assertEquals(0, peer.session.streamCount());
    assertEquals(0, peer.session.rememberedClosedStreams(), "the peer owes nothing after FIN");
  }
}
