package dev.axnode.adminapi;

import dev.axnode.adminapi.testjar.NoopVerticle;
import dev.axnode.kernel.boot.NodeConfig;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static dev.axnode.adminapi.AdminTestClient.await;

/**
 * A real node core for the HTTP API tests: kernel registry, keystore, settings, admin-api and
 * a do-nothing verticle {@code noop} to swap, on real sockets with ports chosen by the OS.
 */
final class HttpTestNode implements AutoCloseable {

  static final String NOOP = "noop";
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

  final Vertx vertx;
  final Path dataDir;
  final int httpPort;
  final int adminPort;
  final int eventsPort;
  private final TestNode core;

  HttpTestNode(Path dataDir, NodeConfig config) {
    this.dataDir = dataDir;
    this.core = new TestNode(dataDir, config, null, new VerticleSpec(NOOP, NoopVerticle.class.getName(), null, null));
    this.vertx = core.vertx;
    this.httpPort = core.httpPort();
    this.adminPort = core.adminPort();
    this.eventsPort = core.eventsPort();
  }

  /**
   * Sends {@code request} as it is on a fresh connection and answers the node's response:
   * its status line, headers and body (read up to its Content-Length), then disconnects.
   */
  String raw(String host, String request) {
    NetClient client = vertx.createNetClient();
    try {
      NetSocket socket = await(client.connect(httpPort, host));
      Buffer received = Buffer.buffer();
      Promise<String> response = Promise.promise();
      socket.handler(data -> {
        received.appendBuffer(data);
        String text = received.toString();
        int headEnd = text.indexOf("\r\n\r\n");
        Matcher length = CONTENT_LENGTH.matcher(text);
        if (headEnd >= 0 && length.find() && received.length() >= headEnd + 4 + Integer.parseInt(length.group(1))) {
          response.tryComplete(text);
        }
      });
      socket.closeHandler(v -> response.tryComplete(received.toString()));
      socket.write(request);
      return await(response.future());
    } finally {
      client.close();
    }
  }

  /** A jar of one compiled test class, its manifest naming it as the verticle, with {@code version}. */
  static Buffer jarOf(Class<?> type, String version) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Ax-Verticle", type.getName());
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    String entry = type.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out0 = bytes; JarOutputStream out = new JarOutputStream(out0, manifest);
         var in = type.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  @Override
  public void close() {
    core.close();
  }
}
