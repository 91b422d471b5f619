package dev.axnode.securechannel.protocols;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import io.netty.buffer.ByteBufUtil;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the identify decoder (one message and a whole stream) and what is read out of a
 * decoded message (peer ID, listen and observed addresses): only an {@link IdentifyException}
 * comes out, CPU and allocation are bounded per input.
 */
@AddLifecycleHook(Fuzz.class)
class IdentifyFuzzTest {

  /**
   * Per byte: one copy of each field, its String (UTF-16 at worst: 2 bytes per byte plus the
   * decoder's CharBuffer), and for addresses their parsed form and text; a field of one byte
   * still costs a list slot and an array header, about 24 bytes. Fixed: the message record and
   * one exception.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(48, 64 * 1024);
  private static final byte[] VALID = ByteBufUtil.getBytes(IdentifyCodec.encodeFramed(IdentifyMessage.of(
      NodeId.ofPublicKey(new byte[32]),
      List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/4001"), Multiaddr.parse("/dns4/example.com/tcp/4001")),
      List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"), Multiaddr.parse("/ip6/::1/tcp/1"))));

  @BeforeContainer
  static void warmUp() {
    readAll(VALID, true);
  }

  @Property(tries = 1000)
  void messageDecoderOnRandomBytes(@ForAll @Size(max = 9000) byte[] input) {
    Fuzz.decode(input, BUDGET, IdentifyException.class, () -> readAll(input, false));
  }

  @Property(tries = 1000)
  void streamDecoderOnRandomBytes(@ForAll @Size(max = 17000) byte[] input) {
    Fuzz.decode(input, BUDGET, IdentifyException.class, () -> readAll(input, true));
  }

  @Property(tries = 2000)
  void streamDecoderOnMutations(@ForAll int kind, @ForAll int position, @ForAll byte value) {
    byte[] input = Fuzz.mutate(VALID, kind, position, value);
    Fuzz.decode(input, BUDGET, IdentifyException.class, () -> readAll(input, true));
  }

  @Property(tries = 1000)
  void streamDecoderOnRepeatedMutations(@ForAll @Size(min = 2, max = 8) List<Integer> kinds,
      @ForAll int position, @ForAll byte value) {
    byte[] input = VALID;
    for (int kind : kinds) {
      input = Fuzz.mutate(input, kind, position + kind, value);
    }
    byte[] mutated = input;
    Fuzz.decode(mutated, BUDGET, IdentifyException.class, () -> readAll(mutated, true));
  }

  /**
   * Found by this fuzzer: a length prefix of 2^63 or more read as a negative long passed the
   * size check and indexed out of bounds (ArrayIndexOutOfBoundsException, not IdentifyException).
   */
  @Example
  void aLengthPrefixAbove2To63IsRefused() {
    for (String hex : new String[] {"ffffffffeeffffffff0111", "ffffffffffffffffff01", "80808080808080808001"}) {
      byte[] input = HexFormat.of().parseHex(hex);
      Fuzz.decode(input, BUDGET, IdentifyException.class, () -> readAll(input, true));
      assertThrows(IdentifyException.class, () -> IdentifyCodec.decodeStream(input));
    }
  }

  private static void readAll(byte[] input, boolean stream) {
    IdentifyMessage message = stream ? IdentifyCodec.decodeStream(input) : IdentifyCodec.decode(input);
    message.nodeId();
    assertTrue(message.parsedListenAddrs().size() <= message.listenAddrs().size());
    message.parsedObservedAddr().ifPresent(Multiaddr::toString);
    message.toString();
  }
}
