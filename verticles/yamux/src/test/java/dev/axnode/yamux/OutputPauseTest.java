package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * pauseOutput/resumeOutput: DATA waits in the streams' queues, control frames still go
 * out but only up to maxControlBacklog bytes, FIN stays behind its data.
 */
class OutputPauseTest {

  private static final int KIB = 1024;

  private WirePeer peer = new WirePeer();

  @AfterEach
  void allBuffersReleased() {
    peer.closeAndCheck();
  }

  private YamuxStream openInbound(long id) {
    peer.feed(FrameHeader.windowUpdate(id, Flags.SYN, 0));
    return peer.app.inbound.get(peer.app.inbound.size() - 1);
  }

  @Test
  void aWriterStopsBeingWritableWhilePausedAndResumesAfter() {
    YamuxStream stream = openInbound(1);
    int[] drains = {0};
    stream.writabilityHandler(() -> drains[0]++);
    peer.session.pauseOutput();
    assertTrue(peer.session.isOutputPaused());
    int sentBefore = peer.sent.size();
    int chunks = 0;
    while (stream.isWritable()) {
      assertTrue(stream.write(Unpooled.wrappedBuffer(new byte[16 * KIB])));
      chunks++;
    }
    assertEquals(YamuxConfig.DEFAULT_WRITE_HIGH_WATER_MARK / (16 * KIB), chunks);
    assertEquals(sentBefore, peer.sent.size(), "no DATA while paused");
    assertEquals(256 * KIB, stream.queuedBytes());
    peer.session.resumeOutput();
    assertFalse(peer.session.isOutputPaused());
    assertEquals(256 * KIB, peer.sentHeaders().stream()
        .filter(h -> h.type() == FrameType.DATA).mapToLong(FrameHeader::length).sum());
    assertEquals(0, stream.queuedBytes());
    assertEquals(1, drains[0], "the writer hears that it may write again");
    assertTrue(stream.isWritable());
  }

  @Test
  void controlFramesStillGoOutWhilePaused() {
    YamuxStream a = openInbound(1);
    YamuxStream b = openInbound(3);
    peer.session.pauseOutput();
    int before = peer.sent.size();
    peer.feed(FrameHeader.ping(Flags.SYN, 0x01020304L));
    a.reset();
    b.closeWrite();
    List<String> frames = peer.sent.subList(before, peer.sent.size()).stream()
        .map(ByteBufUtil::hexDump).toList();
    assertEquals(List.of(
        "000200020000000001020304", // PING|ACK, opaque echoed
        "000100080000000100000000", // WINDOW_UPDATE|RST stream 1
        "000100040000000300000000"), // WINDOW_UPDATE|FIN stream 3
        frames);
    assertEquals(36, peer.session.controlBacklog());
  }

  @Test
  void finStaysBehindDataThatWaitsForTheResume() {
    YamuxStream stream = openInbound(1);
    peer.session.pauseOutput();
    int before = peer.sent.size();
    stream.write(Unpooled.wrappedBuffer(new byte[1000]));
    stream.closeWrite();
    assertEquals(before, peer.sent.size(), "neither DATA nor FIN while paused");
    peer.session.resumeOutput();
    assertEquals(List.of(FrameHeader.data(1, 0, 1000), FrameHeader.windowUpdate(1, Flags.FIN, 0)),
        peer.sentHeaders().subList(before, peer.sent.size()));
  }

  @Test
  void aPeerThatAsksWithoutReadingIsClosedAtTheControlBacklog() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, new YamuxConfig().maxControlBacklog(10 * FrameHeader.SIZE));
    peer.session.pauseOutput();
    for (int i = 0; i < 10; i++) {
      peer.feed(FrameHeader.ping(Flags.SYN, i));
    }
    assertFalse(peer.session.isClosed(), "exactly at the bound");
    peer.feed(FrameHeader.ping(Flags.SYN, 10));
    peer.assertFailed(GoAwayCode.INTERNAL_ERROR, "the peer does not read: 120 control bytes pending");
    assertEquals(10, peer.sentOfType(FrameType.PING), "the answer past the bound is not sent");
  }

  @Test
  void resumeClearsTheBacklog() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, new YamuxConfig().maxControlBacklog(10 * FrameHeader.SIZE));
    for (int round = 0; round < 3; round++) {
      peer.session.pauseOutput();
      for (int i = 0; i < 10; i++) {
        peer.feed(FrameHeader.ping(Flags.SYN, i));
      }
      assertEquals(120, peer.session.controlBacklog());
      peer.session.resumeOutput();
      assertEquals(0, peer.session.controlBacklog());
    }
    assertFalse(peer.session.isClosed());
  }

  @Test
  void streamOpensWhilePausedCountTowardsTheBacklogToo() {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, new YamuxConfig().maxControlBacklog(4 * FrameHeader.SIZE));
    peer.session.pauseOutput();
    for (int i = 0; i < 4; i++) {
      openInbound(1 + 2L * i);
    }
    assertFalse(peer.session.isClosed());
    peer.feed(FrameHeader.windowUpdate(9, Flags.SYN, 0));
    peer.assertFailed(GoAwayCode.INTERNAL_ERROR, "the peer does not read");
  }
}
