package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamProtocolsTest {

  private static final byte[] HEADER = msg("/multistream/1.0.0");
  private static final byte[] NA = {0x03, 'n', 'a', '\n'};

  private final List<String> received = new ArrayList<>();
  private final StreamProtocols listenerProtocols = new StreamProtocols()
      .register("/echo/1.0.0", (stream, leftover) -> {
        received.add(leftover.toString(StandardCharsets.UTF_8));
        leftover.release();
        Collector c = Collector.attach(stream);
        stream.endHandler(() -> {
          received.add(new String(c.take(), StandardCharsets.UTF_8));
          stream.closeWrite();
        });
      })
      .register("/boom/1.0.0", (stream, leftover) -> {
        leftover.release();
        throw new IllegalStateException("handler bug");
      });
  private final SessionPair pair = new SessionPair(new StreamProtocols(), listenerProtocols);

  @AfterEach
  void tearDown() {
    pair.shutdownAndCheck();
  }

  @Test
  void openNegotiatesAndHandsTheStreamOverWithLeftover() throws Exception {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, "/echo/1.0.0");
    pair.pump();
    NegotiatedStream n = opened.get();
    assertEquals("/echo/1.0.0", n.protocol());
    assertEquals(0, n.leftover().readableBytes());
    n.leftover().release();
    n.stream().write(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
    n.stream().closeWrite();
    Collector c = Collector.attach(n.stream());
    pair.pump();
    assertEquals(List.of("", "hello"), received);
    assertTrue(c.ended);
    assertEquals(0, pair.dialer.streamCount());
    assertEquals(0, pair.listener.streamCount());
  }

  @Test
  void bytesSentWithTheProposalReachTheHandlerAsLeftover() {
    YamuxStream raw = pair.dialer.openStream();
    raw.write(Unpooled.wrappedBuffer(HEADER, msg("/echo/1.0.0"), "early".getBytes(StandardCharsets.UTF_8)));
    raw.closeWrite();
    Collector c = Collector.attach(raw);
    pair.pump();
    assertEquals(List.of("early", ""), received);
    assertArrayEquals(concat(HEADER, msg("/echo/1.0.0")), c.take());
    assertTrue(c.ended);
  }

  @Test
  void unknownProtocolGetsNaAndTheOpenFails() {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, "/nope/1.0.0");
    pair.pump();
    NegotiationException e = failure(opened, NegotiationException.class);
    assertTrue(e.isRefused(), e.getMessage());
    assertTrue(e.getMessage().startsWith("multistream: all proposals refused"), e.getMessage());
    assertEquals(0, pair.dialer.streamCount());
    assertFalse(pair.dialer.isClosed());
  }

  @Test
  void listenerAnswersNaOnTheWireAndStaysOpenForAnotherProposal() {
    YamuxStream raw = pair.dialer.openStream();
    Collector c = Collector.attach(raw);
    raw.write(Unpooled.wrappedBuffer(HEADER, msg("/nope/1.0.0")));
    pair.pump();
    assertEquals(HexFormat.of().formatHex(concat(HEADER, NA)), HexFormat.of().formatHex(c.take()));
    raw.write(Unpooled.wrappedBuffer(msg("/echo/1.0.0")));
    pair.pump();
    assertArrayEquals(msg("/echo/1.0.0"), c.take());
    assertFalse(c.reset);
    raw.reset();
  }

  @Test
  void negotiationIsBoundedInBytes() {
    YamuxStream raw = pair.dialer.openStream();
    Collector c = Collector.attach(raw);
    raw.write(Unpooled.wrappedBuffer(HEADER));
    byte[] proposal = msg("/x".repeat(300));
    for (int i = 0; i < 40; i++) {
      raw.write(Unpooled.wrappedBuffer(proposal));
    }
    pair.pump();
    assertTrue(c.reset);
    assertEquals(0, pair.listener.streamCount());
    assertFalse(pair.listener.isClosed());
  }

  @Test
  void negotiationTimesOutThroughTheTimerSeam() {
    List<Runnable> timers = new ArrayList<>();
    StreamProtocols timed = new StreamProtocols((millis, task) -> {
      timers.add(task);
      return () -> timers.remove(task);
    }, 5_000, StreamProtocols.DEFAULT_MAX_NEGOTIATION_BYTES);
    CompletableFuture<NegotiatedStream> opened = timed.open(pair.dialer, "/echo/1.0.0");
    assertEquals(1, timers.size());
    timers.get(0).run();
    NegotiationException e = failure(opened, NegotiationException.class);
    assertEquals("multistream: timed out after 5000 ms", e.getMessage());
    pair.pump();
    assertEquals(0, pair.listener.streamCount());

    CompletableFuture<NegotiatedStream> second = timed.open(pair.dialer, "/echo/1.0.0");
    pair.pump();
    assertTrue(timers.isEmpty(), "the timer is cancelled on success");
    second.join().leftover().release();
    second.join().stream().reset();
  }

  @Test
  void cancellingTheOpenResetsTheStream() {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, "/echo/1.0.0");
    opened.cancel(false);
    pair.pump();
    assertEquals(0, pair.dialer.streamCount());
    assertEquals(0, pair.listener.streamCount());
  }

  @Test
  void aFailingHandlerResetsOnlyItsStream() {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, "/boom/1.0.0");
    pair.pump();
    NegotiatedStream n = opened.join();
    n.leftover().release();
    pair.pump();
    assertTrue(n.stream().isReset());
    assertFalse(pair.listener.isClosed());
    assertFalse(pair.dialer.isClosed());
  }

  @Test
  void peerResetDuringNegotiationFailsTheOpen() {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, "/echo/1.0.0");
    pair.dialer.close();
    assertInstanceOf(NegotiationException.class, causeOf(opened));
  }

  static byte[] msg(String text) {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuf out = Unpooled.buffer();
    int len = body.length;
    while (len >= 0x80) {
      out.writeByte((len & 0x7F) | 0x80);
      len >>>= 7;
    }
    out.writeByte(len);
    out.writeBytes(body);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.wrappedBuffer(parts);
    byte[] out = new byte[all.readableBytes()];
    all.readBytes(out);
    return out;
  }

  static Throwable causeOf(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a failed future");
    try {
      future.get();
      throw new AssertionError("unreachable");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
    return assertInstanceOf(type, causeOf(future));
  }
}
