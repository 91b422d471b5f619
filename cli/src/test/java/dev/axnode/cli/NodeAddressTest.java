package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressTest {

  @Test
  void hostAloneTakesTheDefaultPort() {
    assertEquals(new NodeAddress("localhost", 4457), NodeAddress.parse("localhost"));
    assertEquals(new NodeAddress("10.0.0.5", 4457), NodeAddress.parse("10.0.0.5"));
  }

  @Test
  void hostAndPort() {
    assertEquals(new NodeAddress("localhost", 4460), NodeAddress.parse("localhost:4460"));
    assertEquals(new NodeAddress("10.0.0.5", 1), NodeAddress.parse("10.0.0.5:1"));
  }

  @Test
  void ipv6() {
    assertEquals(new NodeAddress("::1", 4458), NodeAddress.parse("[::1]:4458"));
    assertEquals(new NodeAddress("::1", 4457), NodeAddress.parse("[::1]"));
    assertEquals(new NodeAddress("fe80::1", 4457), NodeAddress.parse("fe80::1"));
  }

  @Test
  void printsHostColonPortWithIpv6InBrackets() {
    assertEquals("localhost:4457", NodeAddress.parse("localhost").toString());
    assertEquals("[::1]:4458", NodeAddress.parse("[::1]:4458").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dns4/localhost/tcp/4458", "/ip4/127.0.0.1/tcp/4458", "/ip6/::1/tcp/4458"})
  void multiaddrIsNotSupportedYet(String multiaddr) {
    CommandException e = assertThrows(CommandException.class, () -> NodeAddress.parse(multiaddr));
    assertEquals("ERR_INVALID_INPUT", e.code());
    assertEquals("The secure admin API (multiaddr " + multiaddr + ") is not supported by this version of ax yet;"
        + " use HOST or HOST:PORT for the HTTP API.", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "localhost:", "localhost:0", "localhost:65536", "localhost:http", ":4457", "[::1",
      "[::1]4457", "[]:4457"})
  void invalidAddresses(String text) {
    CommandException e = assertThrows(CommandException.class, () -> NodeAddress.parse(text));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }
}
