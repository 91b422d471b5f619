package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.HttpForm;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import java.net.Socket;

/**
 * The client of a node's HTTP admin API: one HTTP request per call, on a socket of its own
 * ({@link HttpWire}), run on a worker thread of the client verticle's Vert.x.
 */
final class HttpNodeClient implements NodeClient {

  private final Vertx vertx;
  private final Future<Socket> prepared;
  private final HttpNodeAddress node;
  private final String userAgent;

  /** A client that connects anew, or uses the connection {@code prepared} for this node, if not null. */
  HttpNodeClient(Vertx vertx, Future<Socket> prepared, HttpNodeAddress node, String userAgent) {
    this.vertx = vertx;
    this.prepared = prepared;
    this.node = node;
    this.userAgent = userAgent;
  }

  /**
   * Opens a connection to {@code node} on a worker thread, for a call
   * soon after ({@link AxClientVerticle#PREPARE}).
   */
  static Future<Socket> connect(Vertx vertx, HttpNodeAddress node) {
    return vertx.executeBlocking(() -> HttpWire.connect(node, AxClientVerticle.CONNECT_TIMEOUT_MILLIS), false);
  }

  @Override
  public NodeAddress address() {
    return node;
  }

  @Override
  public Future<JsonObject> send(AdminCall call, long timeoutMillis) {
    HttpForm form = call.toHttp();
    QueryStringEncoder uri = new QueryStringEncoder(form.path());
    form.query().forEach(uri::addParam);
    // The node refuses bodies without a real content type (browsers send text/plain).
    byte[] body = form.body() == null ? null : form.body().getBytes();
    Future<Socket> connection = prepared == null ? connect(vertx, node)
        : prepared.transform(ar -> ar.succeeded() ? Future.succeededFuture(ar.result()) : connect(vertx, node));
    return connection.compose(socket -> vertx.executeBlocking(() -> HttpWire.exchange(socket, node,
            form.method().name(), uri.toString(), userAgent, form.contentType(), body, timeoutMillis), false))
        .map(answer -> interpret(node, answer.status(), Buffer.buffer(answer.body())))
        .recover(cause -> Future.failedFuture(failure(node, cause)));
  }

  /** Reads an answer: the success envelope, or a CommandException for anything else. */
  static JsonObject interpret(HttpNodeAddress node, int status, Buffer body) {
    JsonObject envelope;
    try {
      envelope = body == null ? null : JsonReader.object(body.getBytes());
    } catch (IllegalArgumentException e) {
      envelope = null;
    }
    Object code = envelope == null ? null : envelope.getValue("code");
    if ("OK".equals(code) && envelope.containsKey("result") && status < 300) {
      return envelope;
    }
    if (code instanceof String text && text.startsWith("ERR_")) {
      Object message = envelope.getValue("message");
      throw new CommandException(text, message == null ? "(no message)" : String.valueOf(message));
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node
        + " sent an unexpected answer (HTTP " + status + "); is this an ax node's admin API?");
  }

  /** Maps a transport failure to ERR_NODE_UNREACHABLE, naming the address tried. */
  static CommandException failure(HttpNodeAddress node, Throwable cause) {
    return TransportFailures.failure(node, node.host(), cause);
  }
}
