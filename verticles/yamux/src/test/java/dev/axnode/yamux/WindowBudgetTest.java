package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sum of receive windows bounds what a session buffers; the send window is capped. */
class WindowBudgetTest {

  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  private WirePeer peer = new WirePeer();

  @AfterEach
  void allBuffersReleased() {
    peer.closeAndCheck();
  }

  private void use(YamuxConfig config) {
    peer.closeAndCheck();
    peer = new WirePeer(Role.LISTENER, config);
  }

  @Test
  void theDefaultBudgetHolds128StreamsAtTheInitialWindow() {
    for (int i = 0; i < 128; i++) {
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.SYN, 0));
    }
    assertEquals(128, peer.session.streamCount());
    peer.feed(FrameHeader.windowUpdate(257, Flags.SYN, 0));
    assertEquals(FrameHeader.windowUpdate(257, Flags.RST, 0), peer.lastSent());
    assertEquals(128, peer.session.streamCount());
    assertFalse(peer.session.isClosed(), "a refusal, not a failure");
    assertEquals(32L * MIB, 128L * peer.app.inbound.get(0).receiveWindow());
  }

  @Test
  void aStreamFitsAgainOnceAnotherClosed() {
    use(new YamuxConfig().maxSessionWindow(MIB).maxStreamWindow(MIB));
    for (int i = 0; i < 5; i++) {
      peer.feed(FrameHeader.windowUpdate(1 + 2L * i, Flags.SYN, 0));
    }
    assertEquals(4, peer.session.streamCount());
    assertEquals(FrameHeader.windowUpdate(9, Flags.RST, 0), peer.lastSent());
    peer.feed(FrameHeader.windowUpdate(1, Flags.RST, 0));
    peer.feed(FrameHeader.windowUpdate(11, Flags.SYN, 0));
    assertEquals(4, peer.session.streamCount());
    assertEquals(FrameHeader.windowUpdate(11, Flags.ACK, 0), peer.lastSent());
  }

  @Test
  void openingAnOutboundStreamBeyondTheBudgetFails() {
    use(new YamuxConfig().maxSessionWindow(MIB).maxStreamWindow(MIB));
    for (int i = 0; i < 4; i++) {
      peer.session.openStream();
    }
    YamuxException e = assertThrows(YamuxException.class, peer.session::openStream);
    assertTrue(e.getMessage().contains("session window budget"), e.getMessage());
    assertFalse(peer.session.isClosed());
  }

  @Test
  void aPeerGranting4GiBGets16MiB() {
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    YamuxStream stream = peer.app.inbound.get(0);
    peer.feed(FrameHeader.windowUpdate(1, 0, 0xFFFF_FFFFL));
    assertEquals(YamuxConfig.DEFAULT_MAX_SEND_WINDOW, stream.sendWindow());
    peer.feed(FrameHeader.windowUpdate(1, 0, 0xFFFF_FFFFL));
    assertEquals(16 * MIB, stream.sendWindow());
    for (int i = 0; i < 20; i++) {
      assertTrue(stream.write(Unpooled.wrappedBuffer(new byte[MIB])));
    }
    long dataSent = peer.sentHeaders().stream()
        .filter(h -> h.type() == FrameType.DATA).mapToLong(FrameHeader::length).sum();
    assertEquals(16L * MIB, dataSent, "no more than the capped window goes out");
    assertEquals(4L * MIB, stream.queuedBytes());
  }

  @Test
  void theSendWindowCapIsAConfigOption() {
    use(new YamuxConfig().maxSendWindow(512 * KIB));
    peer.feed(FrameHeader.windowUpdate(1, Flags.SYN, 0));
    peer.feed(FrameHeader.windowUpdate(1, 0, 100 * MIB));
    assertEquals(512 * KIB, peer.app.inbound.get(0).sendWindow());
  }

  @Test
  void bufferedBytesStayWithinTheSessionWindowWhenNobodyReads() {
    use(new YamuxConfig().maxSessionWindow(MIB).maxStreamWindow(MIB));
    peer.onStream = s -> { };
    for (int i = 0; i < 8; i++) {
      peer.feedData(1 + 2L * i, Flags.SYN, 256 * KIB);
    }
    long buffered = peer.app.inbound.stream().mapToLong(YamuxStream::unconsumedBytes).sum();
    assertEquals(MIB, buffered, "four streams fit, each full; the rest were refused");
    assertFalse(peer.session.isClosed());
  }
}
