package dev.axnode.kernel.cluster;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event bus's TLS options on real sockets: TLS 1.3 on OpenSSL, and a member of another CA refused. */
@ExtendWith(VertxExtension.class)
class ClusterBusTest {

  @TempDir
  Path dir;

  @Test
  void membersOfOneCaTalkTls13OnOpenSsl(Vertx vertx) throws Exception {
    assertTrue(OpenSsl.isAvailable(), "netty-tcnative-boringssl-static loads here");
    ClusterFiles a = member("ca", "a", "a");
    ClusterFiles b = member("ca", "b", "b");
    assertInstanceOf(OpenSSLEngineOptions.class, ClusterBus.options("127.0.0.1", 0, a).getSslEngineOptions());
    NetServer server = server(vertx, a);
    NetSocket socket = await(vertx.createNetClient(client(b)).connect(server.actualPort(), "127.0.0.1"));
    assertEquals("TLSv1.3", socket.sslSession().getProtocol());
    assertTrue(socket.sslSession().getClass().getName().contains("OpenSsl"), socket.sslSession().getClass().getName());
  }

  @Test
  void aMemberOfAnotherCaIsRefused(Vertx vertx) throws Exception {
    NetServer server = server(vertx, member("ca", "a", "a"));
    ClusterFiles stranger = member("other", "x", "x");
    assertThrows(Exception.class, () -> {
      NetSocket socket = await(vertx.createNetClient(client(stranger)).connect(server.actualPort(), "127.0.0.1"));
      // TLS 1.3 finishes the client's side first; the server's refusal then closes the socket
      java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
      socket.closeHandler(v -> closed.completeExceptionally(new IllegalStateException("closed by the server")));
      socket.write("x");
      closed.get(10, TimeUnit.SECONDS);
    });
  }

  private ClusterFiles member(String ca, String name, String outName) {
    Path keys = dir.resolve(ca);
    if (!keys.resolve("cluster").toFile().exists()) {
      assertEquals(0, new CommandLine(new ClusterCommand()).execute("init", "--data-dir", keys.toString()));
    }
    Path out = dir.resolve(ca + "-" + outName);
    assertEquals(0, new CommandLine(new ClusterCommand()).execute("add-member", "--data-dir", keys.toString(),
        "--name", name, "--host", "127.0.0.1", "--out", out.toString()));
    return new ClusterFiles(out);
  }

  private static NetServer server(Vertx vertx, ClusterFiles files) throws Exception {
    NetServer server = vertx.createNetServer(new NetServerOptions(ClusterBus.tls(new EventBusOptions(), files).toJson()))
        .connectHandler(socket -> socket.handler(socket::write));
    return await(server.listen(0, "127.0.0.1"));
  }

  private static NetClientOptions client(ClusterFiles files) throws Exception {
    // as Vert.x's event bus builds its client: from the JSON form, hostname verification off
    return new NetClientOptions(ClusterBus.tls(new EventBusOptions(), files).toJson()).setHostnameVerificationAlgorithm("");
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
