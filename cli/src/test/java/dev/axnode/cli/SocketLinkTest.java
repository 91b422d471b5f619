package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SocketLink} on real loopback sockets: bytes both ways in order, one close, failures as the transport reports them. */
class SocketLinkTest {

  private static final NodeAddress NODE = NodeAddress.parse("/ip4/127.0.0.1/tcp/4458");
  private static final long WAIT_SECONDS = 10;

  private Vertx vertx;
  private Context context;
  private ServerSocket server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().await();
  }

  @Test
  void bytesGoBothWaysInOrderAndTheLocalCloseEndsTheLinkOnce() throws Exception {
    CompletableFuture<byte[]> received = new CompletableFuture<>();
    Thread peer = new Thread(() -> {
      try (Socket socket = server.accept()) {
        socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        received.complete(socket.getInputStream().readAllBytes());
      } catch (Exception e) {
        received.completeExceptionally(e);
      }
    });
    peer.start();
    SocketLink link = connect();
    ByteArrayOutputStream arrived = new ByteArrayOutputStream();
    CountDownLatch hello = new CountDownLatch(1);
    AtomicInteger closes = new AtomicInteger();
    CountDownLatch closed = new CountDownLatch(1);
    context.runOnContext(v -> link.handler(bytes -> {
      assertTrue(Context.isOnEventLoopThread(), "handlers run on the context");
      arrived.writeBytes(bytes(bytes));
      if (arrived.size() == 5) {
        hello.countDown();
      }
    }).closeHandler(ignored -> {
      closes.incrementAndGet();
      closed.countDown();
    }).start());
    assertTrue(hello.await(WAIT_SECONDS, TimeUnit.SECONDS));
    assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), arrived.toByteArray());
    context.runOnContext(v -> {
      for (int i = 0; i < 1000; i++) {
        link.write(Unpooled.copiedBuffer(i + ",", StandardCharsets.US_ASCII));
      }
      link.close();
      link.close();
      link.write(Unpooled.copiedBuffer("after the close", StandardCharsets.US_ASCII));
    });
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      expected.append(i).append(',');
    }
    assertEquals(expected.toString(), new String(received.get(WAIT_SECONDS, TimeUnit.SECONDS), StandardCharsets.US_ASCII),
        "everything written before the close arrives, in order, and nothing after it");
    assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS));
    // the reader's own end of the closed socket is scheduled before or right after the close: two
    // round trips through the context pass it
    barrier();
    barrier();
    assertEquals(1, closes.get(), "one close");
    peer.join();
  }

  @Test
  void aPeerThatFloodsABusyClientIsHeldBackByTcpNotBufferedInMemory() throws Exception {
    int total = 64 << 20;
    CompletableFuture<Long> written = new CompletableFuture<>();
    Thread peer = new Thread(() -> {
      try (Socket socket = server.accept()) {
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < total; sent += chunk.length) {
          socket.getOutputStream().write(chunk);
        }
        written.complete(System.nanoTime());
        socket.getInputStream().read();
      } catch (Exception e) {
        written.completeExceptionally(e);
      }
    });
    peer.start();
    SocketLink link = connect();
    CountDownLatch busy = new CountDownLatch(1);
    AtomicInteger bytes = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(1);
    context.runOnContext(v -> link.handler(b -> {
      if (bytes.addAndGet(b.readableBytes()) == total) {
        all.countDown();
      }
    }).start());
    // the event loop is held: whatever the reader takes in meanwhile waits for it
    context.runOnContext(v -> {
      try {
        busy.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
        () -> written.get(1, TimeUnit.SECONDS), "64 MiB went out to a client whose event loop took none of it");
    busy.countDown();
    assertTrue(all.await(WAIT_SECONDS * 3, TimeUnit.SECONDS), "everything arrives once the loop runs again");
    written.get(WAIT_SECONDS, TimeUnit.SECONDS);
    context.runOnContext(v -> link.close());
    peer.join();
  }

  @Test
  void thePeersCloseEndsTheLinkWithoutAnError() throws Exception {
    Thread peer = new Thread(() -> {
      try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
        socket.getOutputStream().write(1);
      } catch (Exception e) {
        // the test sees it as a missing byte
      }
    });
    peer.start();
    SocketLink link = connect();
    CountDownLatch closed = new CountDownLatch(1);
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger bytes = new AtomicInteger();
    context.runOnContext(v -> link.handler(b -> bytes.addAndGet(b.readableBytes()))
        .exceptionHandler(e -> errors.incrementAndGet())
        .closeHandler(ignored -> closed.countDown())
        .start());
    assertTrue(closed.await(WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(1, bytes.get());
    assertEquals(0, errors.get());
    peer.join();
  }

  @Test
  void aRefusedConnectionFailsWithTheJdksException() throws Exception {
    int port = server.getLocalPort();
    server.close();
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> SocketLink.connect(context, NODE, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000)
            .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(ConnectException.class, failure.getCause());
    CommandException reported = TransportFailures.failure(NODE, "127.0.0.1", failure.getCause());
    assertEquals(ErrorCode.NODE_UNREACHABLE.wireName(), reported.code());
    assertTrue(reported.getMessage().endsWith("is unreachable: Connection refused"), reported.getMessage());
  }

  private SocketLink connect() throws Exception {
    return SocketLink.connect(context, NODE, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
        5_000).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits until what was queued on the context before has run. */
  private void barrier() throws Exception {
    CompletableFuture<Void> passed = new CompletableFuture<>();
    context.runOnContext(v -> passed.complete(null));
    passed.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] copy = new byte[buf.readableBytes()];
    buf.readBytes(copy);
    return copy;
  }
}
