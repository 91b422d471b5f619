package dev.axnode.adminapi;

import dev.axnode.adminapi.testjar.NoopVerticle;
import dev.axnode.adminapi.testjar.StaticInitMarker;
import dev.axnode.kernel.boot.NodeConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.axnode.adminapi.AdminTestClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Uploading code is a privilege: loopback HTTP or an explicitly authorized key, never when
 * turned off, bounded in count and bytes at once; a refused jar is never initialised and
 * leaves nothing on disk; accepted jars are kept in {@code <data>/verticles} until replaced.
 */
class CodeUploadIT {

  private static final String SWAP = "/api/v1/verticles/" + HttpTestNode.NOOP + "/swap";
  private static final String JAR = "application/java-archive";

  @TempDir
  Path dir;
  private final List<HttpTestNode> nodes = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    System.clearProperty(StaticInitMarker.MARKER_PROPERTY);
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    nodes.forEach(HttpTestNode::close);
  }

  private HttpTestNode node(NodeConfig config) {
    HttpTestNode node = new HttpTestNode(dir.resolve("data" + nodes.size()), config);
    nodes.add(node);
    return node;
  }

  private HttpResponse<Buffer> upload(HttpTestNode node, String host, Buffer jar) {
    WebClient web = WebClient.create(node.vertx);
    try {
      return await(web.post(node.httpPort, host, SWAP).putHeader("Content-Type", JAR).sendBuffer(jar));
    } finally {
      web.close();
    }
  }

  private static List<Path> storedJars(HttpTestNode node) {
    Path jars = node.dataDir.resolve("verticles");
    if (!Files.isDirectory(jars)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(jars)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void eventually(HttpTestNode node, Supplier<Boolean> condition, String what) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.get()) {
      assertTrue(System.nanoTime() < deadline, "not within 30 s: " + what);
      await(node.vertx.timer(100));
    }
  }

  private static void assertError(HttpResponse<Buffer> response, int status, String code, String messagePart) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals(code, response.bodyAsJsonObject().getString("code"), response.bodyAsString());
    assertTrue(response.bodyAsJsonObject().getString("message").contains(messagePart), response.bodyAsString());
  }

  @Test
  void aJarWhoseClassIsNoVerticleIsRefusedUninitialisedAndLeavesNothing() {
    HttpTestNode node = node(new NodeConfig());
    Path marker = dir.resolve("static-init-ran");
    System.setProperty(StaticInitMarker.MARKER_PROPERTY, marker.toString());
    HttpResponse<Buffer> refused = upload(node, "127.0.0.1", HttpTestNode.jarOf(StaticInitMarker.class, "1-evil"));
    assertError(refused, 400, "ERR_INVALID_INPUT", "is not a Vert.x verticle");
    assertFalse(Files.exists(marker), "the uploaded class was initialised");
    assertEquals(List.of(), storedJars(node), "a refused jar stays on disk");
    assertError(upload(node, "127.0.0.1", Buffer.buffer("not a jar")), 400, "ERR_INVALID_INPUT", "Not a readable jar");
    assertEquals(List.of(), storedJars(node));
  }

  @Test
  void acceptedJarsAreKeptUntilAnotherReplacesThem() {
    HttpTestNode node = node(new NodeConfig());
    HttpResponse<Buffer> first = upload(node, "127.0.0.1", HttpTestNode.jarOf(NoopVerticle.class, "2-test"));
    assertEquals(200, first.statusCode(), first.bodyAsString());
    Path firstJar = Path.of(first.bodyAsJsonObject().getJsonObject("result").getString("source"));
    assertEquals(node.dataDir.resolve("verticles").toAbsolutePath(), firstJar.getParent());
    assertEquals(List.of(firstJar), storedJars(node));

    HttpResponse<Buffer> second = upload(node, "localhost", HttpTestNode.jarOf(NoopVerticle.class, "3-test"));
    assertEquals(200, second.statusCode(), second.bodyAsString());
    Path secondJar = Path.of(second.bodyAsJsonObject().getJsonObject("result").getString("source"));
    eventually(node, () -> storedJars(node).equals(List.of(secondJar)), "the replaced jar is removed: " + storedJars(node));
  }

  @Test
  void httpUploadsNeedALoopbackClient() throws SocketException {
    InetAddress lan = nonLoopbackAddress();
    assumeTrue(lan != null, "this machine has no non-loopback IPv4 address to connect from");
    HttpTestNode node = node(new NodeConfig().setHttpBind("0.0.0.0"));
    String host = lan.getHostAddress();
    assertError(upload(node, host, HttpTestNode.jarOf(NoopVerticle.class, "2-test")), 403, "ERR_UNAUTHORIZED",
        "only from the node's own machine (loopback), not from " + host);
    assertEquals(List.of(), storedJars(node));
    assertEquals(200, upload(node, "127.0.0.1", HttpTestNode.jarOf(NoopVerticle.class, "2-test")).statusCode());
  }

  @Test
  void noUploadsAtAllWhenTurnedOff() {
    HttpTestNode node = node(new NodeConfig().setJarUploads(false));
    assertError(upload(node, "127.0.0.1", HttpTestNode.jarOf(NoopVerticle.class, "2-test")), 403, "ERR_UNAUTHORIZED",
        "--no-jar-uploads");
    HttpResponse<Buffer> builtIn = upload(node, "127.0.0.1", Buffer.buffer());
    assertEquals(200, builtIn.statusCode(), "swaps to built-in implementations go on: " + builtIn.bodyAsString());
  }

  @Test
  void uploadsAreBoundedInCountAndSizeBeforeTheirBodiesAreRead() {
    HttpTestNode node = node(new NodeConfig());
    String head = "POST " + SWAP + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JAR + "\r\n";
    String tooLarge = node.raw("127.0.0.1", head + "Content-Length: " + (HttpRoutes.JAR_BODY_LIMIT + 1) + "\r\n\r\n");
    assertTrue(tooLarge.startsWith("HTTP/1.1 413") && tooLarge.contains("larger than the limit"), tooLarge);
    String chunked = node.raw("127.0.0.1", head + "Transfer-Encoding: chunked\r\n\r\n");
    assertTrue(chunked.startsWith("HTTP/1.1 411") && chunked.contains("Content-Length"), chunked);

    List<NetSocket> stalled = new ArrayList<>();
    for (int i = 0; i < CodeUploads.DEFAULT_MAX_UPLOADS; i++) {
      NetSocket socket = await(node.vertx.createNetClient().connect(node.httpPort, "127.0.0.1"));
      socket.write(head + "Content-Length: 1000\r\n\r\n"); // and never the body
      stalled.add(socket);
    }
    Buffer junk = Buffer.buffer("not a jar");
    eventually(node, () -> upload(node, "127.0.0.1", junk).statusCode() == BodyRules.STATUS_BUSY,
        "a third upload is refused while two are in progress");
    assertError(upload(node, "127.0.0.1", junk), 429, "ERR_INVALID_INPUT", "Another jar upload is in progress");
    stalled.forEach(NetSocket::close);
    eventually(node, () -> upload(node, "127.0.0.1", junk).statusCode() == 400,
        "uploads whose connections closed give their share back");
  }

  @Test
  void secureApiUploadsNeedAKeyListedInAuthorizedKeys() {
    HttpTestNode node = node(new NodeConfig());
    Ed25519PrivateKeyParameters key = AdminTestClient.newKey();
    AdminTestClient client = AdminTestClient.connect(node.vertx, node.adminPort, key);
    closeables.add(client::close);
    TestStream stream = client.openStream();
    JsonObject swap = new JsonObject().put("name", HttpTestNode.NOOP)
        .put("jarBase64", Base64.getEncoder().encodeToString(HttpTestNode.jarOf(NoopVerticle.class, "2-test").getBytes()));
    JsonObject refused = stream.call(1, "verticles.swap", swap);
    assertEquals("ERR_UNAUTHORIZED", refused.getString("code"), refused.encode());
    assertTrue(refused.getString("message").contains("com.actyx.os/general/authorizedKeys"), refused.encode());
    assertEquals("OK", stream.call(2, "verticles.swap", new JsonObject().put("name", HttpTestNode.NOOP)).getString("code"),
        "a built-in swap needs no grant");
    assertEquals("OK", stream.call(3, "settings.set", new JsonObject().put("scope", "com.actyx.os/general/authorizedKeys")
        .put("value", new JsonArray().add(AdminTestClient.keyText(key)))).getString("code"));
    JsonObject accepted = stream.call(4, "verticles.swap", swap);
    assertEquals("OK", accepted.getString("code"), accepted.encode());
    assertEquals("2-test", accepted.getJsonObject("result").getString("version"));
  }

  private static InetAddress nonLoopbackAddress() throws SocketException {
    for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
      if (nif.isUp() && !nif.isLoopback()) {
        for (InetAddress address : nif.inetAddresses().toList()) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            return address;
          }
        }
      }
    }
    return null;
  }
}
