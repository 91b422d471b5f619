package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentifyTest {

  private static final NodeId DIALER_ID = node(1);
  private static final NodeId LISTENER_ID = node(2);
  private static final Multiaddr LISTEN = Multiaddr.parse("/ip4/10.0.0.2/tcp/4001");
  private static final Multiaddr OBSERVED = Multiaddr.parse("/ip4/10.0.0.1/tcp/50123");

  private IdentifyMessage served;
  private final StreamProtocols listenerProtocols = new StreamProtocols();
  private final SessionPair pair;

  IdentifyTest() {
    listenerProtocols.register(Identify.PROTOCOL_ID, Identify.responder(() -> served));
    listenerProtocols.register(Ping.PROTOCOL_ID, Ping.responder());
    served = IdentifyMessage.of(LISTENER_ID, List.of(LISTEN), List.copyOf(listenerProtocols.protocolIds()), OBSERVED);
    pair = new SessionPair(new StreamProtocols(), listenerProtocols);
  }

  @AfterEach
  void tearDown() {
    pair.shutdownAndCheck();
  }

  @Test
  void requesterGetsTheRespondersMessage() {
    CompletableFuture<IdentifyMessage> result = Identify.request(pair.dialerSide.protocols, pair.dialer, LISTENER_ID);
    pair.pump();
    IdentifyMessage m = result.join();
    assertEquals(served, m);
    assertEquals(LISTENER_ID, m.nodeId().orElseThrow());
    assertEquals(List.of(LISTEN), m.parsedListenAddrs());
    assertEquals(OBSERVED, m.parsedObservedAddr().orElseThrow());
    assertEquals(List.of(Identify.PROTOCOL_ID, Ping.PROTOCOL_ID), m.protocols());
    assertEquals(0, pair.dialer.streamCount());
    assertEquals(0, pair.listener.streamCount());
  }

  @Test
  void aPublicKeyOtherThanThePeersIsRejected() {
    CompletableFuture<IdentifyMessage> result = Identify.request(pair.dialerSide.protocols, pair.dialer, DIALER_ID);
    pair.pump();
    IdentifyException e = StreamProtocolsTest.failure(result, IdentifyException.class);
    assertEquals("identify: publicKey does not match the remote peer's id", e.getMessage());
    assertFalse(pair.dialer.isClosed());
  }

  @Test
  void aMessageWithoutPublicKeyIsRejected() {
    served = new IdentifyMessage(null, List.of(), List.of(), null, "ipfs/0.1.0", "x");
    CompletableFuture<IdentifyMessage> result = Identify.request(pair.dialerSide.protocols, pair.dialer, LISTENER_ID);
    pair.pump();
    assertEquals("identify: message carries no publicKey",
        StreamProtocolsTest.failure(result, IdentifyException.class).getMessage());
  }

  @Test
  void garbageFromTheResponderFailsTheRequestAndResetsOnlyThatStream() {
    StreamProtocols liar = new StreamProtocols().register(Identify.PROTOCOL_ID, (stream, leftover) -> {
      leftover.release();
      stream.write(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0x40}));
      stream.closeWrite();
    });
    SessionPair other = new SessionPair(new StreamProtocols(), liar);
    CompletableFuture<IdentifyMessage> result = Identify.request(other.dialerSide.protocols, other.dialer, LISTENER_ID);
    other.pump();
    assertEquals("identify: message length 8193 exceeds 8192",
        StreamProtocolsTest.failure(result, IdentifyException.class).getMessage());
    assertFalse(other.dialer.isClosed());
    other.shutdownAndCheck();
  }

  @Test
  void anEndlessResponderIsCutOffAtTheBound() {
    StreamProtocols flood = new StreamProtocols().register(Identify.PROTOCOL_ID, (stream, leftover) -> {
      leftover.release();
      stream.write(Unpooled.wrappedBuffer(new byte[IdentifyCodec.MAX_STREAM_BYTES + 1]));
    });
    SessionPair other = new SessionPair(new StreamProtocols(), flood);
    CompletableFuture<IdentifyMessage> result = Identify.request(other.dialerSide.protocols, other.dialer, LISTENER_ID);
    other.pump();
    IdentifyException e = StreamProtocolsTest.failure(result, IdentifyException.class);
    assertTrue(e.getMessage().startsWith("identify: responder sent more than"), e.getMessage());
    other.shutdownAndCheck();
  }

  @Test
  void theResponderDropsWhateverTheRequesterSends() {
    CompletableFuture<NegotiatedStream> opened = pair.dialerSide.protocols.open(pair.dialer, Identify.PROTOCOL_ID);
    pair.pump();
    NegotiatedStream n = opened.join();
    n.leftover().release();
    YamuxStream stream = n.stream();
    Collector c = Collector.attach(stream);
    stream.write(Unpooled.wrappedBuffer(new byte[100_000]));
    stream.closeWrite();
    pair.pump();
    assertTrue(c.ended);
    assertEquals(served, IdentifyCodec.decodeStream(c.take()));
  }

  static NodeId node(int seed) {
    byte[] key = new byte[NodeId.KEY_LENGTH];
    Arrays.fill(key, (byte) seed);
    return NodeId.ofPublicKey(key);
  }
}
