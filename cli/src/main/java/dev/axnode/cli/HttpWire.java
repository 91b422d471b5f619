package dev.axnode.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange on a plain blocking socket: the whole transport of {@code ax} to a
 * node's HTTP admin API. A CLI sends one small request and reads one small answer, so this
 * is all it needs; Netty's HTTP client (pipeline, codec, pools) or the JDK's
 * {@code HttpURLConnection} (proxies, cookies, keep-alive cache) cost a short-lived process
 * far more class loading and interpreted code than the request itself (see README, "How fast
 * is ax"). The request says {@code Connection: close}; the answer's body is read by its
 * {@code Content-Length}, chunked, or to the end of the stream. Blocking: worker threads only.
 *
 * <pre>
 * request (RFC 9112)                      answer
 * GET /api/v1/settings?scope=… HTTP/1.1   HTTP/1.1 200 OK          (1xx answers are skipped)
 * Host: 127.0.0.1:4457                    content-length: 57       (or transfer-encoding: chunked,
 * User-Agent: ax/0.1.0                    …                         or neither: to end of stream)
 * Accept: application/json                (empty line)
 * Connection: close                       {"code":"OK","result":…}
 * [Content-Type, Content-Length]
 * (empty line) [body]
 * </pre>
 *
 * Bounds when reading: 16 KiB per header line, 128 header lines, 64 MiB of body.
 */
final class HttpWire {

  /** An answer: status code and the body's bytes. */
  record Answer(int status, byte[] body) {
  }

  /** Far above any admin answer: a peer that streams without end is not a node. */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int MAX_HEADER_LINES = 128;

  private HttpWire() {
  }

  /**
   * Connects to the node. A refused or unresolvable address throws the JDK's exception
   * (mapped by {@link TransportFailures}); a connect timeout throws ERR_NODE_UNREACHABLE.
   */
  static Socket connect(HttpNodeAddress node, long timeoutMillis) throws IOException {
    Socket socket = TcpConnect.open(node, new InetSocketAddress(node.host(), node.port()), timeoutMillis);
    StartupTrace.mark("connected");
    return socket;
  }


  /**
   * Sends the request on {@code socket} and reads the answer, waiting at most
   * {@code timeoutMillis} for each read; closes the socket.
   */
  static Answer exchange(Socket socket, HttpNodeAddress node, String method, String uri, String userAgent,
                         String contentType, byte[] body, long timeoutMillis) throws IOException {
    try (socket) {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
      OutputStream out = socket.getOutputStream();
      out.write(head(node, method, uri, userAgent, contentType, body).getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      StartupTrace.mark("request sent");
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static String head(HttpNodeAddress node, String method, String uri, String userAgent,
                             String contentType, byte[] body) {
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(uri).append(" HTTP/1.1\r\n")
        .append("Host: ").append(node).append("\r\n")
        .append("User-Agent: ").append(userAgent).append("\r\n")
        .append("Accept: application/json\r\n")
        .append("Connection: close\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  /** Reads status line, headers and body; informational (1xx) answers are skipped. */
  static Answer read(InputStream in) throws IOException {
    while (true) {
      int status = status(line(in));
      long length = -1;
      boolean chunked = false;
      int lines = 0;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        if (++lines > MAX_HEADER_LINES) {
          throw new IOException("Too many header lines");
        }
        int colon = header.indexOf(':');
        String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : header.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          length = parseLength(value);
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      if (status >= 200) {
        byte[] body = chunked ? chunked(in) : length >= 0 ? exactly(in, length) : toEnd(in);
        return new Answer(status, body);
      }
    }
  }

  private static int status(String line) throws IOException {
    // "HTTP/1.1 200 OK"
    int space = line.indexOf(' ');
    if (!line.startsWith("HTTP/") || space < 0 || line.length() < space + 4) {
      throw new IOException("Not an HTTP answer");
    }
    try {
      return Integer.parseInt(line.substring(space + 1, space + 4));
    } catch (NumberFormatException e) {
      throw new IOException("Not an HTTP answer");
    }
  }

  private static long parseLength(String value) throws IOException {
    try {
      long length = Long.parseLong(value);
      if (length < 0 || length > MAX_BODY_BYTES) {
        throw new IOException("Answer too large or malformed: Content-Length " + value);
      }
      return length;
    } catch (NumberFormatException e) {
      throw new IOException("Malformed Content-Length " + value);
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int extension = size.indexOf(';');
      long length;
      try {
        length = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("Malformed chunk size " + size);
      }
      if (length == 0) {
        while (!line(in).isEmpty()) {
          // trailers: not used by the admin API
        }
        return body.toByteArray();
      }
      if (length < 0 || body.size() + length > MAX_BODY_BYTES) {
        throw new IOException("Answer too large");
      }
      body.write(exactly(in, length));
      line(in); // the CRLF after the chunk
    }
  }

  private static byte[] exactly(InputStream in, long length) throws IOException {
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length < length) {
      throw new EOFException("Connection closed before an answer arrived");
    }
    return bytes;
  }

  private static byte[] toEnd(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IOException("Answer too large");
    }
    return bytes;
  }

  /** One line without its CRLF (or LF); the end of the stream inside a line is an EOFException. */
  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("Connection closed before an answer arrived");
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw new IOException("Header line too long");
      }
      line.append((char) b);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }
}
