package dev.axnode.kernel.net;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultiaddrTest {

  private static final String PEER = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

  @Test
  void specVector() {
    Multiaddr addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/4001");
    assertArrayEquals(HexFormat.of().parseHex("047f000001060fa1"), addr.toBytes());
    assertEquals(addr, Multiaddr.fromBytes(addr.toBytes()));
  }

  @Test
  void roundTripsEveryHostKindWithAndWithoutPeer() {
    for (String text : new String[] {"/ip4/10.0.0.5/tcp/4458", "/ip6/::1/tcp/4001", "/dns4/localhost/tcp/4458",
        "/dns6/example.com/tcp/1", "/dns/node.example/tcp/65535", "/ip4/127.0.0.1/tcp/4001/p2p/" + PEER}) {
      Multiaddr addr = Multiaddr.parse(text);
      assertEquals(addr, Multiaddr.fromBytes(addr.toBytes()), text);
    }
    assertEquals("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER, Multiaddr.parse("/ip4/127.0.0.1/tcp/4001/p2p/" + PEER).toString());
  }

  @Test
  void rejectsMalformedText() {
    for (String text : new String[] {"", "/", "ip4/1.2.3.4/tcp/1", "/ip4/1.2.3.4", "/ip4/1.2.3.4/udp/1",
        "/ip4/localhost/tcp/1", "/ip4/1.2.3.4/tcp/70000", "/ip4/1.2.3.4/tcp/1/p2p/nope", "/quic/1.2.3.4/tcp/1",
        "/ip4/1.2.3.4/tcp/1/extra"}) {
      assertThrows(IllegalArgumentException.class, () -> Multiaddr.parse(text), text);
    }
  }

  @Property(tries = 2000)
  void randomBytesNeverCrashTheDecoder(@ForAll byte[] bytes) {
    try {
      Multiaddr.fromBytes(bytes);
    } catch (IllegalArgumentException expected) {
      // a clear error is the only acceptable failure
    }
  }
}
