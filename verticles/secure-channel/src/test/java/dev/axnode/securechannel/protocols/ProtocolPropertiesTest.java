package dev.axnode.securechannel.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile identify bytes end in a valid message or an {@link IdentifyException}, never
 * anything else and never more memory than the input; the chunking of perf and ping input
 * never changes their results.
 */
class ProtocolPropertiesTest {

  private static final byte[] VALID = HexFormat.of().parseHex(IdentifyCodecTest.WIRE);

  @Property(tries = 500)
  void randomBytesDecodeOrFailClearly(@ForAll @Size(max = 600) byte[] bytes) {
    checkDecode(bytes);
  }

  @Property(tries = 1000)
  void mutatedValidBytesDecodeOrFailClearly(@ForAll @IntRange(min = 0, max = 3) int kind,
      @ForAll int position, @ForAll byte value, @ForAll @IntRange(min = 1, max = 4) int rounds) {
    byte[] bytes = VALID;
    for (int i = 0; i < rounds; i++) {
      bytes = mutate(bytes, kind, position + 13 * i, (byte) (value + i));
    }
    checkDecode(bytes);
  }

  @Property(tries = 200)
  void anyMessageRoundTrips(@ForAll("messages") IdentifyMessage message) {
    byte[] wire = IdentifyCodec.encode(message);
    assertEquals(message, IdentifyCodec.decode(wire));
    ByteBuf framed = IdentifyCodec.encodeFramed(message);
    byte[] stream = new byte[framed.readableBytes()];
    framed.readBytes(stream);
    framed.release();
    assertEquals(message, IdentifyCodec.decodeStream(stream));
  }

  @Property(tries = 40)
  void perfResultsDoNotDependOnChunking(@ForAll @IntRange(min = 0, max = 200_000) int upload,
      @ForAll @IntRange(min = 0, max = 300_000) int download,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 70_000) Integer> cuts) {
    SessionPair pair = new SessionPair(new StreamProtocols(),
        new StreamProtocols().register(Perf.PROTOCOL_ID, Perf.server()));
    YamuxStream raw = RawStreams.negotiate(pair, Perf.PROTOCOL_ID);
    Collector c = Collector.attach(raw);
    byte[] input = new byte[Long.BYTES + upload];
    Unpooled.wrappedBuffer(input).writerIndex(0).writeLong(download);
    writeInChunks(pair, raw, input, cuts);
    raw.closeWrite();
    pair.pump();
    assertTrue(c.ended && !c.reset);
    assertEquals(download, c.take().length);
    pair.shutdownAndCheck();
  }

  @Property(tries = 40)
  void pingEchoDoesNotDependOnChunking(@ForAll @Size(max = 400) byte[] input,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 100) Integer> cuts) {
    SessionPair pair = new SessionPair(new StreamProtocols(),
        new StreamProtocols().register(Ping.PROTOCOL_ID, Ping.responder()));
    YamuxStream raw = RawStreams.negotiate(pair, Ping.PROTOCOL_ID);
    Collector c = Collector.attach(raw);
    writeInChunks(pair, raw, input, cuts);
    raw.closeWrite();
    pair.pump();
    assertTrue(c.ended && !c.reset);
    assertArrayEquals(Arrays.copyOf(input, input.length / 32 * 32), c.take());
    pair.shutdownAndCheck();
  }

  @Provide
  Arbitrary<IdentifyMessage> messages() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
    return Combinators.combine(bytes.injectNull(0.3), bytes.list().ofMaxSize(4), text.list().ofMaxSize(4),
            bytes.injectNull(0.3), text.injectNull(0.3), text.injectNull(0.3))
        .as(IdentifyMessage::new);
  }

  private static void writeInChunks(SessionPair pair, YamuxStream raw, byte[] input, List<Integer> cuts) {
    int pos = 0;
    for (int i = 0; pos < input.length; i++) {
      int n = Math.min(cuts.get(i % cuts.size()), input.length - pos);
      raw.write(Unpooled.wrappedBuffer(input, pos, n));
      pos += n;
      if (i % 3 == 0) {
        pair.pump();
      }
    }
  }

  private static void checkDecode(byte[] bytes) {
    try {
      IdentifyMessage m = IdentifyCodec.decode(bytes);
      assertTrue(heldBytes(m) <= bytes.length, "decoded more than its input");
      assertEquals(m, IdentifyCodec.decode(IdentifyCodec.encode(m)));
    } catch (IdentifyException e) {
      assertTrue(e.getMessage().startsWith("identify: "), e.getMessage());
    }
    try {
      IdentifyMessage m = IdentifyCodec.decodeStream(bytes);
      assertTrue(heldBytes(m) <= bytes.length, "decoded more than its input");
    } catch (IdentifyException e) {
      assertTrue(e.getMessage().startsWith("identify: "), e.getMessage());
    }
  }

  private static long heldBytes(IdentifyMessage m) {
    long n = m.publicKey() == null ? 0 : m.publicKey().length;
    n += m.observedAddr() == null ? 0 : m.observedAddr().length;
    n += m.listenAddrs().stream().mapToLong(a -> a.length).sum();
    n += m.protocols().stream().mapToLong(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
    n += m.protocolVersion() == null ? 0 : m.protocolVersion().length();
    n += m.agentVersion() == null ? 0 : m.agentVersion().length();
    return n;
  }

  /** kind 0 flips bits, 1 truncates, 2 inserts a byte, 3 deletes a byte. */
  static byte[] mutate(byte[] valid, int kind, int position, byte value) {
    if (valid.length == 0) {
      return new byte[] {value};
    }
    int at = Math.floorMod(position, valid.length);
    byte[] out;
    switch (kind) {
      case 0 -> {
        out = valid.clone();
        out[at] ^= value == 0 ? 1 : value;
      }
      case 1 -> out = Arrays.copyOf(valid, at);
      case 2 -> {
        out = new byte[valid.length + 1];
        System.arraycopy(valid, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(valid, at, out, at + 1, valid.length - at);
      }
      default -> {
        out = new byte[valid.length - 1];
        System.arraycopy(valid, 0, out, 0, at);
        System.arraycopy(valid, at + 1, out, at, valid.length - at - 1);
      }
    }
    return out;
  }
}
