package dev.axnode.kernel.net;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes both forms of a multiaddr: the binary form a peer sends in identify and the text form
 * of settings and the CLI. Only IllegalArgumentException comes out, CPU and allocation are
 * bounded per input, and whatever is accepted survives a round trip through the other form.
 */
@AddLifecycleHook(Fuzz.class)
class MultiaddrFuzzTest {

  /**
   * Per byte (or char): the host copied and decoded, the split parts of the text and their
   * upper-cased copies, a peer ID's base58 text; each at most 2 bytes per char and a few of
   * them. Fixed: the record, an InetAddress, a regex matcher, one exception.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(32, 64 * 1024);
  private static final String PEER = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";
  private static final String[] VALID_TEXTS = {
      "/ip4/127.0.0.1/tcp/4001", "/ip6/::1/tcp/4001/p2p/" + PEER, "/dns4/example.com/tcp/443",
      "/dns/a.b/tcp/0/p2p/" + PEER, "/ip6/2001:db8::ff00:42:8329/tcp/65535"};

  @BeforeContainer
  static void warmUp() {
    for (String text : VALID_TEXTS) {
      roundTripText(text);
      roundTripBinary(Multiaddr.parse(text).toBytes());
    }
  }

  @Property(tries = 2000)
  void binaryFormOnRandomBytes(@ForAll @Size(max = 1100) byte[] input) {
    Fuzz.decode(input, BUDGET, IllegalArgumentException.class, () -> roundTripBinary(input));
  }

  @Property(tries = 2000)
  void binaryFormOnMutations(@ForAll("validText") String valid, @ForAll int kind, @ForAll int position,
      @ForAll byte value) {
    byte[] input = Fuzz.mutate(Multiaddr.parse(valid).toBytes(), kind, position, value);
    Fuzz.decode(input, BUDGET, IllegalArgumentException.class, () -> roundTripBinary(input));
  }

  @Property(tries = 2000)
  void textFormOnRandomText(@ForAll @Size(max = 300) String input) {
    Fuzz.decode(input, 2L * input.length(), BUDGET, IllegalArgumentException.class, () -> roundTripText(input));
  }

  @Property(tries = 2000)
  void textFormOnMutations(@ForAll("validText") String valid, @ForAll int kind, @ForAll int position,
      @ForAll byte value) {
    byte[] mutated = Fuzz.mutate(valid.getBytes(StandardCharsets.UTF_8), kind, position, value);
    String input = new String(mutated, StandardCharsets.ISO_8859_1);
    Fuzz.decode(input, 2L * input.length(), BUDGET, IllegalArgumentException.class, () -> roundTripText(input));
  }

  /**
   * Found by this fuzzer: IP hosts that are no literal were accepted, then {@code toBytes()}
   * threw IllegalStateException or asked DNS; a DNS name that is not UTF-8 and a protocol code
   * above 2^32 were accepted from the binary form and encoded back differently.
   */
  @Example
  void regressions() {
    for (String text : new String[] {"/ip6/20018db8::ff00:42:8329/tcp/65535", "/ip4/999.1.1.1/tcp/1",
        "/ip6/abc/tcp/1", "/ip4/01.2.3.4/tcp/1", "/ip6/::ffff:1.2.3.4x/tcp/1"}) {
      assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(text), text);
    }
    Multiaddr mapped = Multiaddr.parse("/ip6/::FFFF:0102:0304/tcp/1");
    assertEquals("/ip6/::ffff:102:304/tcp/1", mapped.toString());
    assertEquals(mapped, Multiaddr.fromBytes(mapped.toBytes()));
    for (String hex : new String[] {"36036578e506012c", "848080801006012c", "360161ff06012c", "36012f06012c"}) {
      byte[] bytes = HexFormat.of().parseHex(hex);
      assertThrows(IllegalArgumentException.class, () -> Multiaddr.fromBytes(bytes), hex);
    }
  }

  @Provide
  Arbitrary<String> validText() {
    return Arbitraries.of(VALID_TEXTS);
  }

  private static void roundTripBinary(byte[] input) {
    Multiaddr decoded = Multiaddr.fromBytes(input);
    assertArrayEquals(input, decoded.toBytes(), "accepted bytes encode back the same: " + decoded);
    assertEquals(decoded, Multiaddr.parse(decoded.toString()), "the text of accepted bytes parses back");
  }

  private static void roundTripText(String input) {
    Multiaddr parsed = Multiaddr.parse(input);
    assertEquals(parsed, Multiaddr.fromBytes(parsed.toBytes()), "accepted text survives the binary form");
  }
}
