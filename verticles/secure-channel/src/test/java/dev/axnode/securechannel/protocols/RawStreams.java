package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.yamux.YamuxStream;
import java.util.concurrent.CompletableFuture;

/** Negotiated dialer streams with no protocol client on them, for driving servers by hand. */
final class RawStreams {

  private RawStreams() {
  }

  static YamuxStream negotiate(SessionPair pair, String protocol) {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, protocol);
    pair.pump();
    NegotiatedStream n = opened.join();
    assertEquals(0, n.leftover().readableBytes());
    n.leftover().release();
    return n.stream();
  }
}
