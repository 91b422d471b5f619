package dev.axnode.securechannel.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.axnode.securechannel.SecurityProtocol;
import dev.axnode.securechannel.tls.TlsPeers.Collector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two sessions back to back, without a channel: the handshake's end and the bulk path's buffers. */
class TlsSessionTest {

  private final List<TlsSecurity> contexts = new ArrayList<>();
  private final List<SecurityProtocol.Session> sessions = new ArrayList<>();

  @AfterEach
  void release() {
    sessions.forEach(SecurityProtocol.Session::release);
    contexts.forEach(TlsSecurity::release);
  }

  private SecurityProtocol.Session open(boolean openSsl, boolean dialer, TlsPeers.Identity expected,
      Collector sink) throws Exception {
    TlsSecurity tls = TlsSecurity.create(TlsPeers.Identity.random().certificate(), openSsl);
    contexts.add(tls);
    SecurityProtocol.Session session = tls.open(dialer, expected == null ? null : expected.nodeId(), sink);
    sessions.add(session);
    return session;
  }

  /** The listener knows its peer once the dialer's last flight is in, before the dialer sends data. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bothEndsAreSecuredByTheHandshakeAlone(boolean openSsl) throws Exception {
    Collector dialerSink = new Collector();
    Collector listenerSink = new Collector();
    SecurityProtocol.Session listener = open(openSsl, false, null, listenerSink);
    SecurityProtocol.Session dialer = open(openSsl, true, null, dialerSink);
    listener.start();
    dialer.start();
    pump(dialer, dialerSink, listener, listenerSink);
    assertNotNull(dialerSink.secured);
    assertNotNull(listenerSink.secured);
  }

  /** Heap, direct and composed plaintext, small and over many records, arrives intact and in order. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void carriesEveryKindOfBufferIntact(boolean openSsl) throws Exception {
    Collector dialerSink = new Collector();
    Collector listenerSink = new Collector();
    SecurityProtocol.Session listener = open(openSsl, false, null, listenerSink);
    SecurityProtocol.Session dialer = open(openSsl, true, null, dialerSink);
    listenerSink.keep = true;
    listener.start();
    dialer.start();
    pump(dialer, dialerSink, listener, listenerSink);

    byte[] sent = new byte[200_000];
    new SecureRandom().nextBytes(sent);
    dialer.send(Unpooled.wrappedBuffer(sent, 0, 12));
    dialer.send(ByteBufAllocator.DEFAULT.directBuffer().writeBytes(sent, 12, 70_000));
    CompositeByteBuf composed = Unpooled.compositeBuffer(2).addComponents(true,
        Unpooled.directBuffer(12).writeBytes(sent, 70_012, 12), Unpooled.wrappedBuffer(sent, 70_024, 129_976));
    dialer.send(composed);
    pump(dialer, dialerSink, listener, listenerSink);

    assertEquals(sent.length, listenerSink.plaintextBytes);
    assertArrayEquals(sent, listenerSink.received.toByteArray());
  }

  /** A burst of many records in one piece (as a fast sender's bytes arrive) comes up whole and in order. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void decryptsABurstOfManyRecordsInOnePiece(boolean openSsl) throws Exception {
    Collector dialerSink = new Collector();
    Collector listenerSink = new Collector();
    SecurityProtocol.Session listener = open(openSsl, false, null, listenerSink);
    SecurityProtocol.Session dialer = open(openSsl, true, null, dialerSink);
    listenerSink.keep = true;
    listener.start();
    dialer.start();
    pump(dialer, dialerSink, listener, listenerSink);

    byte[] sent = new byte[1 << 20];
    new SecureRandom().nextBytes(sent);
    for (int at = 0; at < sent.length; at += 65_000) {
      dialer.send(Unpooled.wrappedBuffer(sent, at, Math.min(65_000, sent.length - at)));
    }
    ByteBuf burst = Unpooled.directBuffer();
    ByteBuf b;
    while ((b = dialerSink.network.poll()) != null) {
      burst.writeBytes(b);
      b.release();
    }
    listener.fromNetwork(burst);
    burst.release();

    assertArrayEquals(sent, listenerSink.received.toByteArray());
  }

  private static void pump(SecurityProtocol.Session dialer, Collector dialerSink,
      SecurityProtocol.Session listener, Collector listenerSink) throws Exception {
    while (!dialerSink.network.isEmpty() || !listenerSink.network.isEmpty()) {
      deliver(dialerSink, listener);
      deliver(listenerSink, dialer);
    }
  }

  private static void deliver(Collector from, SecurityProtocol.Session to) throws Exception {
    ByteBuf b;
    while ((b = from.network.poll()) != null) {
      try {
        to.fromNetwork(b);
      } finally {
        b.release();
      }
    }
  }
}
