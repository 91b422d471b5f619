package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stream churn and PING requests are token buckets on the session clock. */
class PeerRatesTest {

  private final WirePeer peer = new WirePeer();
  private long nextId = 1;

  @AfterEach
  void allBuffersReleased() {
    peer.closeAndCheck();
  }

  /** The peer opens a stream and resets it at once: churn without holding a slot. */
  private void churn(int times) {
    for (int i = 0; i < times && !peer.session.isClosed(); i++) {
      peer.feed(FrameHeader.windowUpdate(nextId, Flags.SYN, 0));
      peer.feed(FrameHeader.windowUpdate(nextId, Flags.RST, 0));
      nextId += 2;
    }
  }

  @Test
  void aBurstOfStreamOpensIsFineOneMoreClosesTheSession() {
    churn(YamuxConfig.DEFAULT_STREAM_OPEN_BURST);
    assertFalse(peer.session.isClosed());
    churn(1);
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR,
        "stream churn: more than 64 stream opens per second (burst 256)");
  }

  @Test
  void opensAtTheSustainedRateGoOnForever() {
    churn(YamuxConfig.DEFAULT_STREAM_OPEN_BURST);
    for (int second = 0; second < 30; second++) {
      peer.clock.advanceMillis(1000);
      churn(YamuxConfig.DEFAULT_MAX_STREAM_OPENS_PER_SECOND);
    }
    assertFalse(peer.session.isClosed());
    churn(1);
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "stream churn");
  }

  @Test
  void anIdleHourSavesNoMoreThanOneBurst() {
    peer.clock.advanceMillis(3_600_000);
    churn(YamuxConfig.DEFAULT_STREAM_OPEN_BURST);
    assertFalse(peer.session.isClosed());
    churn(1);
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "stream churn");
  }

  @Test
  void pingsAsRealPeersSendThemAreAllAnswered() {
    for (int i = 0; i < 500; i++) {
      peer.clock.advanceMillis(10_000);
      peer.feed(FrameHeader.ping(Flags.SYN, i));
    }
    assertFalse(peer.session.isClosed());
    assertEquals(500, peer.sentOfType(FrameType.PING));
  }

  @Test
  void aPingFloodClosesTheSession() {
    for (int i = 0; i < YamuxConfig.DEFAULT_PING_BURST; i++) {
      peer.feed(FrameHeader.ping(Flags.SYN, i));
    }
    assertFalse(peer.session.isClosed());
    peer.clock.advanceMillis(100);
    peer.feed(FrameHeader.ping(Flags.SYN, 1000));
    assertFalse(peer.session.isClosed(), "one more after 100 ms at 10 a second");
    peer.feed(FrameHeader.ping(Flags.SYN, 1001));
    peer.assertFailed(GoAwayCode.PROTOCOL_ERROR, "ping flood: more than 10 pings per second (burst 64)");
    assertEquals(YamuxConfig.DEFAULT_PING_BURST + 1, peer.sentOfType(FrameType.PING));
  }

  @Test
  void unsolicitedPingAnswersCostNothingAndAreIgnored() {
    for (int i = 0; i < 1000; i++) {
      peer.feed(FrameHeader.ping(Flags.ACK, i));
    }
    assertFalse(peer.session.isClosed());
    assertEquals(0, peer.sent.size());
  }
}
