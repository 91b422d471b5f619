package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PingTest {

  private final long[] now = {1_000_000L};
  private final SessionPair pair = new SessionPair(new StreamProtocols(),
      new StreamProtocols().register(Ping.PROTOCOL_ID, Ping.responder()));

  @AfterEach
  void tearDown() {
    pair.shutdownAndCheck();
  }

  @Test
  void measuresTheRoundTripRepeatedlyOnOneStream() {
    PingClient client = openClient(pair);
    for (int i = 1; i <= 3; i++) {
      CompletableFuture<Duration> rtt = client.ping();
      now[0] += i * 1_000_000L;
      pair.pump();
      assertEquals(Duration.ofMillis(i), rtt.join());
    }
    assertEquals(1, pair.dialer.streamCount());
    client.close();
    pair.pump();
    assertEquals(0, pair.dialer.streamCount());
    assertEquals(0, pair.listener.streamCount());
    assertTrue(client.ping().isCompletedExceptionally());
  }

  @Test
  void oneOutstandingPingAtATime() {
    PingClient client = openClient(pair);
    client.ping();
    assertThrows(IllegalStateException.class, client::ping);
    pair.pump();
    client.close();
  }

  @Test
  void responderEchoesWholeBlocksWhateverTheChunking() {
    YamuxStream raw = RawStreams.negotiate(pair, Ping.PROTOCOL_ID);
    Collector c = Collector.attach(raw);
    byte[] data = new byte[100];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    int[] cuts = {1, 7, 31, 2, 40, 19};
    int pos = 0;
    for (int cut : cuts) {
      raw.write(Unpooled.wrappedBuffer(data, pos, cut));
      pos += cut;
    }
    pair.pump();
    assertArrayEquals(Arrays.copyOf(data, 96), c.take());
    raw.closeWrite();
    pair.pump();
    assertTrue(c.ended);
  }

  @Test
  void aWrongEchoFailsThePing() {
    SessionPair liar = new SessionPair(new StreamProtocols(), new StreamProtocols().register(Ping.PROTOCOL_ID,
        (stream, leftover) -> {
          leftover.release();
          stream.handler(buf -> {
            int n = buf.readableBytes();
            buf.release();
            stream.consumed(n);
            stream.write(Unpooled.wrappedBuffer(new byte[n]));
          });
        }));
    PingClient client = openClient(liar);
    CompletableFuture<Duration> rtt = client.ping();
    liar.pump();
    assertEquals("ping: echo does not match the ping",
        StreamProtocolsTest.failure(rtt, PingException.class).getMessage());
    liar.shutdownAndCheck();
  }

  @Test
  void theSessionEndingFailsAnOutstandingPing() {
    PingClient client = openClient(pair);
    CompletableFuture<Duration> rtt = client.ping();
    pair.dialer.close();
    PingException e = StreamProtocolsTest.failure(rtt, PingException.class);
    assertTrue(e.getMessage().startsWith("ping: stream reset"), e.getMessage());
  }

  private PingClient openClient(SessionPair on) {
    CompletableFuture<NegotiatedStream> opened = on.dialerSide.protocols.open(on.dialer, Ping.PROTOCOL_ID);
    on.pump();
    return Ping.client(opened.join(), () -> now[0]);
  }
}
