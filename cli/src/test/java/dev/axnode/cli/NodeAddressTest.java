package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressTest {

  /** The node ID from the ActyxOS documentation. */
  static final String PEER = "12D3KooWH4duqeY7Pj3or9j7aKnmaxz8WUYtVYnZUbACW21hGvBh";

  @Test
  void hostAloneTakesTheDefaultPort() {
    assertEquals(new HttpNodeAddress("localhost", 4457), NodeAddress.parse("localhost"));
    assertEquals(new HttpNodeAddress("10.0.0.5", 4457), NodeAddress.parse("10.0.0.5"));
  }

  @Test
  void hostAndPort() {
    assertEquals(new HttpNodeAddress("localhost", 4460), NodeAddress.parse("localhost:4460"));
    assertEquals(new HttpNodeAddress("10.0.0.5", 1), NodeAddress.parse("10.0.0.5:1"));
  }

  @Test
  void ipv6() {
    assertEquals(new HttpNodeAddress("::1", 4458), NodeAddress.parse("[::1]:4458"));
    assertEquals(new HttpNodeAddress("::1", 4457), NodeAddress.parse("[::1]"));
    assertEquals(new HttpNodeAddress("fe80::1", 4457), NodeAddress.parse("fe80::1"));
  }

  @Test
  void printsHostColonPortWithIpv6InBrackets() {
    assertEquals("localhost:4457", NodeAddress.parse("localhost").toString());
    assertEquals("[::1]:4458", NodeAddress.parse("[::1]:4458").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dns4/localhost/tcp/4458", "/ip4/127.0.0.1/tcp/4458", "/ip6/::1/tcp/4458",
      "/dns6/localhost/tcp/4458", "/dns/example.com/tcp/1"})
  void multiaddrIsTheSecureApi(String multiaddr) {
    SecureNodeAddress address = (SecureNodeAddress) NodeAddress.parse(multiaddr);
    assertEquals(multiaddr, address.toString());
    assertEquals(multiaddr, address.hostKey());
    assertNull(address.expectedPeer());
  }

  @Test
  void multiaddrPartsAndTheExpectedPeer() {
    SecureNodeAddress address = (SecureNodeAddress) NodeAddress.parse(" /ip4/10.0.0.5/tcp/4458/p2p/" + PEER + " ");
    assertEquals(Multiaddr.Protocol.IP4, address.multiaddr().hostProtocol());
    assertEquals("10.0.0.5", address.multiaddr().host());
    assertEquals(4458, address.multiaddr().port());
    assertEquals(NodeId.parse(PEER), address.expectedPeer());
    assertEquals("/ip4/10.0.0.5/tcp/4458", address.hostKey(), "known hosts key the address without /p2p/");
  }

  @Test
  void dns4ResolvesToIpv4Only() throws Exception {
    SecureNodeAddress address = (SecureNodeAddress) NodeAddress.parse("/dns4/localhost/tcp/4458");
    assertTrue(address.resolve() instanceof java.net.Inet4Address);
    assertEquals("127.0.0.1", ((SecureNodeAddress) NodeAddress.parse("/ip4/127.0.0.1/tcp/1")).resolve().getHostAddress());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ip4/localhost/tcp/4458", "/ip4/127.0.0.1", "/ip4/127.0.0.1/udp/4458", "/quic/x/tcp/1",
      "/ip4/127.0.0.1/tcp/70000", "/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/tcp/4458/p2p/notanid",
      "/ip4/127.0.0.1/tcp/4458/ws", "/dns4//tcp/4458", "/"})
  void invalidMultiaddrs(String text) {
    CommandException e = assertThrows(CommandException.class, () -> NodeAddress.parse(text));
    assertEquals("ERR_INVALID_INPUT", e.code());
    assertTrue(e.getMessage().startsWith("Invalid node address " + text.strip()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost:", "localhost:0", "localhost:65536", "localhost:http", ":4457", "[::1",
      "[::1]4457", "[]:4457"})
  void invalidAddresses(String text) {
    CommandException e = assertThrows(CommandException.class, () -> NodeAddress.parse(text));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }
}
