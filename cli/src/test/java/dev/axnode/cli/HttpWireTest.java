package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpWire} against a real socket server that answers with fixed bytes. */
class HttpWireTest {

  private static final long WAIT_SECONDS = 10;

  private ServerSocket server;
  private HttpNodeAddress node;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    node = new HttpNodeAddress("127.0.0.1", server.getLocalPort());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  /** Accepts one connection, reads the request head (and a body of {@code bodyLength}), answers, closes. */
  private CompletableFuture<String> answerOnce(String answer, int bodyLength) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = server.accept()) {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          request.write(b);
        }
        request.write(in.readNBytes(bodyLength));
        socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return request.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private HttpWire.Answer get() throws IOException {
    return HttpWire.exchange(HttpWire.connect(node, 5_000), node, "GET", "/api/v1/settings?scope=a%20b", "ax/test",
        null, null, 5_000);
  }

  private static String text(HttpWire.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  @Test
  void sendsOneRequestAndReadsAContentLengthBody() throws Exception {
    CompletableFuture<String> request = answerOnce(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 11\r\n\r\n{\"code\":1}\nextra", 0);
    HttpWire.Answer answer = get();
    assertEquals(200, answer.status());
    assertEquals("{\"code\":1}\n", text(answer));
    assertEquals("GET /api/v1/settings?scope=a%20b HTTP/1.1\r\nHost: " + node + "\r\nUser-Agent: ax/test\r\n"
        + "Accept: application/json\r\nConnection: close\r\n\r\n", request.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void sendsABodyWithItsTypeAndLength() throws Exception {
    byte[] body = "{\"a\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<String> request = answerOnce("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", body.length);
    HttpWire.Answer answer = HttpWire.exchange(HttpWire.connect(node, 5_000), node, "PUT", "/x", "ax/test",
        "application/json", body, 5_000);
    assertEquals(204, answer.status());
    assertEquals(0, answer.body().length);
    String sent = request.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(sent.startsWith("PUT /x HTTP/1.1\r\n"), sent);
    assertTrue(sent.contains("\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
        + "{\"a\":\"ü\"}"), sent);
  }

  @Test
  void readsAChunkedBodyAfterAnInformationalAnswer() throws Exception {
    answerOnce("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4;ext=1\r\n{\"co\r\nA\r\nde\":\"ERR\"}\r\n0\r\nTrailer: x\r\n\r\n", 0);
    HttpWire.Answer answer = get();
    assertEquals(500, answer.status());
    assertEquals("{\"code\":\"ERR\"}", text(answer));
  }

  @Test
  void readsABodyThatEndsWithTheConnection() throws Exception {
    answerOnce("HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"code\":\"OK\"}", 0);
    assertEquals("{\"code\":\"OK\"}", text(get()));
  }

  @Test
  void aConnectionClosedEarlyIsAnEofAndGarbageIsRefused() throws Exception {
    answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", 0);
    assertThrows(EOFException.class, this::get);
    answerOnce("", 0);
    assertThrows(EOFException.class, this::get);
    answerOnce("SSH-2.0-OpenSSH_9.6\r\n", 0);
    IOException e = assertThrows(IOException.class, this::get);
    assertEquals("Not an HTTP answer", e.getMessage());
    answerOnce("HTTP/1.1 200 OK\r\nContent-Length: " + (HttpWire.MAX_BODY_BYTES + 1) + "\r\n\r\n", 0);
    assertThrows(IOException.class, this::get);
    answerOnce("HTTP/1.1 200 OK\r\n" + "X: y\r\n".repeat(129) + "\r\n", 0);
    assertEquals("Too many header lines", assertThrows(IOException.class, this::get).getMessage());
    answerOnce("HTTP/1.1 200 OK\r\nX: " + "y".repeat(17 * 1024) + "\r\n\r\n", 0);
    assertEquals("Header line too long", assertThrows(IOException.class, this::get).getMessage());
  }

  @Test
  void aRefusedConnectionIsTheJdksConnectException() throws Exception {
    server.close();
    IOException e = assertThrows(IOException.class, () -> HttpWire.connect(node, 5_000));
    assertEquals("Node at " + node + " is unreachable: Connection refused",
        HttpNodeClient.failure(node, e).getMessage());
  }
}
