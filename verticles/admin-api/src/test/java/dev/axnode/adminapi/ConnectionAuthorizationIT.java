package dev.axnode.adminapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Authorization at the connection on a real node: protected mode (while authorizedKeys is
 * empty only loopback clients are served, unless the node is started open), a refused key
 * answered on its first request and disconnected within a second, and a change of
 * authorizedKeys closing the connections it no longer admits. Clients "from another
 * machine" connect to a non-loopback address of a local interface, so the node sees that
 * address as their source.
 */
class ConnectionAuthorizationIT {

  private static final String AUTHORIZED_KEYS = "com.actyx.os/general/authorizedKeys";

  @TempDir
  Path dataDir;

  private TestNode node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aClientFromAnotherAddressGetsTheProtectedModeErrorThenTheConnectionCloses() {
    String host = nonLoopbackAddress();
    node = new TestNode(dataDir, new JsonObject(), false);
    Ed25519PrivateKeyParameters key = AdminTestClient.newKey();
    AdminTestClient client = node.connect(host, key, null);
    TestStream stream = client.openStream();
    // Both requests in one write: the node answers the first and closes at once, so a second
    // write could find the stream gone already.
    byte[] first = TestStream.frame(TestStream.request(7, "settings.get",
        new JsonObject().put("scope", "com.actyx.os/general/swarmKey")).encode().getBytes(StandardCharsets.UTF_8));
    byte[] second = TestStream.frame(TestStream.request(8, "settings.scopes", null).encode()
        .getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    stream.write(both);
    JsonObject answer = stream.next();
    String keyText = AdminTestClient.keyText(key);
    assertEquals(new JsonObject().put("id", 7).put("code", "ERR_UNAUTHORIZED")
        .put("message", AuthorizedKeys.protectedMode(keyText)), answer);
    String message = answer.getString("message");
    for (String words : new String[] {"protected mode", "authorizedKeys", "--local /dns4/localhost/tcp/4458",
        "authorize-key", keyText}) {
      assertTrue(message.contains(words), words + " in " + message);
    }
    Throwable noSecondAnswer = assertThrows(Throwable.class, stream::next, "no other request is served");
    assertFalse(noSecondAnswer instanceof AssertionError, "the stream ends, rather than waiting: " + noSecondAnswer);
    await(client.closedFuture());
  }

  @Test
  void aSilentClientFromAnotherAddressIsClosedWithinASecondOfItsHandshake() {
    String host = nonLoopbackAddress();
    node = new TestNode(dataDir, new JsonObject(), false);
    AdminTestClient client = node.connect(host, AdminTestClient.newKey(), null);
    await(client.closedFuture());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - client.securedAtNanos());
    assertTrue(millis < 1000, "closed " + millis + " ms after the handshake");
    assertEquals("OK", node.connect(AdminTestClient.newKey()).openStream().call(1, "settings.scopes", null)
        .getString("code"), "loopback clients are served meanwhile");
  }

  @Test
  void aNodeStartedOpenServesClientsFromAnotherAddress() {
    String host = nonLoopbackAddress();
    node = new TestNode(dataDir, new JsonObject(), true);
    TestStream stream = node.connect(host, AdminTestClient.newKey(), null).openStream();
    assertEquals("OK", stream.call(1, "settings.scopes", null).getString("code"));
    assertEquals("OK", stream.call(2, "node.inspect", null).getString("code"));
  }

  @Test
  void aListedKeyIsServedFromAnotherAddressUntilTheListIsEmptiedAgain() {
    String host = nonLoopbackAddress();
    node = new TestNode(dataDir, new JsonObject(), false);
    Ed25519PrivateKeyParameters admin = AdminTestClient.newKey();
    TestStream local = node.connect(admin).openStream();
    assertEquals("OK", setAuthorizedKeys(local, 1, admin).getString("code"));
    AdminTestClient remote = node.connect(host, admin, null);
    assertEquals("OK", remote.openStream().call(1, "settings.scopes", null).getString("code"), "an explicit grant");

    AdminTestClient stranger = node.connect(AdminTestClient.newKey());
    assertEquals(new JsonObject().put("id", 3).put("code", "ERR_UNAUTHORIZED").put("message", AuthorizedKeys.REFUSED),
        stranger.openStream().call(3, "settings.scopes", null), "an unlisted key, even from loopback");
    await(stranger.closedFuture());

    assertEquals("OK", setAuthorizedKeys(local, 2).getString("code"));
    await(remote.closedFuture());
    assertEquals("OK", local.call(3, "settings.scopes", null).getString("code"), "loopback stays");
  }

  @Test
  void aChangeOfAuthorizedKeysClosesTheConnectionsItNoLongerAdmits() {
    node = new TestNode(dataDir, new JsonObject(), false);
    Ed25519PrivateKeyParameters a = AdminTestClient.newKey();
    Ed25519PrivateKeyParameters b = AdminTestClient.newKey();
    TestStream first = node.connect(a).openStream();
    AdminTestClient second = node.connect(b);
    TestStream secondStream = second.openStream();
    AdminTestClient third = node.connect(AdminTestClient.newKey());
    assertEquals("OK", third.openStream().call(1, "settings.scopes", null).getString("code"), "empty: loopback may");

    assertEquals("OK", setAuthorizedKeys(first, 1, a, b).getString("code"));
    await(third.closedFuture());
    assertEquals("OK", secondStream.call(1, "settings.scopes", null).getString("code"));

    assertEquals("OK", setAuthorizedKeys(first, 2, a).getString("code"));
    await(second.closedFuture());
    assertEquals("OK", first.call(3, "settings.scopes", null).getString("code"));
  }

  private static JsonObject setAuthorizedKeys(TestStream stream, long id, Ed25519PrivateKeyParameters... keys) {
    JsonArray list = new JsonArray();
    for (Ed25519PrivateKeyParameters key : keys) {
      list.add(AdminTestClient.keyText(key));
    }
    return stream.call(id, "settings.set", new JsonObject().put("scope", AUTHORIZED_KEYS).put("value", list));
  }

  /** A non-loopback address of an interface of this machine, or the test is skipped. */
  static String nonLoopbackAddress() {
    String found = null;
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
            return address.getHostAddress();
          }
          if (found == null && address instanceof Inet6Address && !address.isLinkLocalAddress()) {
            found = address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      assumeTrue(false, "cannot list this machine's network interfaces: " + e.getMessage());
    }
    assumeTrue(found != null, "this machine has no non-loopback address on any interface, so a client "
        + "from another machine cannot be simulated");
    return found;
  }
}
