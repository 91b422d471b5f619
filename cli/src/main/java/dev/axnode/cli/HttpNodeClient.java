package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.HttpForm;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** The client of a node's HTTP admin API: no connection state, one HTTP request per call. */
final class HttpNodeClient implements NodeClient {

  private final WebClient web;
  private final HttpNodeAddress node;

  HttpNodeClient(WebClient web, HttpNodeAddress node) {
    this.web = web;
    this.node = node;
  }

  @Override
  public NodeAddress address() {
    return node;
  }

  @Override
  public void open() {
    // HTTP proves nothing about the node and has no handshake: nothing to prepare.
  }

  @Override
  public Future<JsonObject> send(AdminCall call, long timeoutMillis) {
    HttpForm request = call.toHttp();
    HttpRequest<Buffer> http = web.request(request.method(), node.port(), node.host(), request.path())
        .timeout(timeoutMillis);
    request.query().forEach(http::addQueryParam);
    if (node.host().indexOf(':') >= 0) {
      http.putHeader("Host", node.toString()); // Vert.x would send an IPv6 host without brackets
    }
    Future<HttpResponse<Buffer>> sent;
    if (request.body() != null) {
      // The node refuses bodies without a real content type (browsers send text/plain).
      http.putHeader("Content-Type", request.contentType());
      sent = http.sendBuffer(request.body());
    } else {
      sent = http.send();
    }
    return sent.transform(ar -> ar.succeeded()
        ? Future.succeededFuture(interpret(node, ar.result().statusCode(), ar.result().body()))
        : Future.failedFuture(failure(node, ar.cause())));
  }

  /** Reads an answer: the success envelope, or a CommandException for anything else. */
  static JsonObject interpret(HttpNodeAddress node, int status, Buffer body) {
    JsonObject envelope;
    try {
      envelope = body == null ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
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
