package dev.axnode.adminapi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the guard reads Host and Origin values; the HTTP behaviour is in {@link HttpGuardIT}. */
class HttpGuardTest {

  private final HttpGuard guard = new HttpGuard(List.of("node.example", "Admin.Example"));

  @Test
  void hostOfDropsThePortAndATrailingDotAndKeepsIpv6Brackets() {
    assertEquals("localhost", HttpGuard.hostOf("localhost"));
    assertEquals("localhost", HttpGuard.hostOf("LocalHost.:4457"));
    assertEquals("127.0.0.1", HttpGuard.hostOf("127.0.0.1:80"));
    assertEquals("[::1]", HttpGuard.hostOf("[::1]:4457"));
    assertEquals("[::1]", HttpGuard.hostOf("[::1]"));
    assertNull(HttpGuard.hostOf("[::1"));
    assertNull(HttpGuard.hostOf("[::1]x"));
    assertNull(HttpGuard.hostOf("localhost:http"));
    assertNull(HttpGuard.hostOf("::1"), "IPv6 without brackets is not host[:port]");
    assertNull(HttpGuard.hostOf(""));
    assertNull(HttpGuard.hostOf(":4457"));
  }

  @Test
  void loopbackNamesIpLiteralsAndListedNamesAreAllowed() {
    for (String host : List.of("localhost", "a.localhost", "127.0.0.1", "10.0.0.5", "255.255.255.255", "[::1]",
        "[fe80::1%eth0]", "[::ffff:127.0.0.1]", "node.example", "admin.example")) {
      assertTrue(guard.hostAllowed(host), host);
    }
    for (String host : List.of("evil.test", "localhost.evil.test", "127.0.0.1.nip.io", "256.0.0.1", "127.1",
        "0x7f.0.0.1", "[evil.test]", "[]", "example", "xlocalhost")) {
      assertFalse(guard.hostAllowed(host), host);
    }
  }

  @Test
  void anOriginPassesOnlyWhenItsHostIsListed() {
    assertTrue(guard.originAllowed("http://node.example"));
    assertTrue(guard.originAllowed("https://admin.example:8443"));
    assertFalse(guard.originAllowed("null"));
    assertFalse(guard.originAllowed("http://127.0.0.1:4457"), "a page on localhost is still a page");
    assertFalse(guard.originAllowed("http://localhost"));
    assertFalse(guard.originAllowed("http://evil.test"));
    assertFalse(guard.originAllowed("node.example"), "no scheme: not an origin");
    assertFalse(guard.originAllowed("http://node.example.evil.test"));
    assertFalse(guard.originAllowed("::::"));
  }
}
