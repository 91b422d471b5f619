package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.HttpForm;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;

/**
 * The client of a node's HTTP admin API: no connection state, one HTTP request per call, on
 * Vert.x core's HTTP client (the web client's extra layers cost a CLI's start time and add
 * nothing to one request).
 */
final class HttpNodeClient implements NodeClient {

  private final HttpClient http;
  private final Future<HttpClientConnection> prepared;
  private final HttpNodeAddress node;
  private final String userAgent;

  /** A client on {@code http}'s pool, or on the connection {@code prepared} for this node, if not null. */
  HttpNodeClient(HttpClient http, Future<HttpClientConnection> prepared, HttpNodeAddress node, String userAgent) {
    this.http = http;
    this.prepared = prepared;
    this.node = node;
    this.userAgent = userAgent;
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
    HttpForm form = call.toHttp();
    QueryStringEncoder uri = new QueryStringEncoder(form.path());
    form.query().forEach(uri::addParam);
    RequestOptions options = new RequestOptions().setMethod(form.method()).setHost(node.host())
        .setPort(node.port()).setURI(uri.toString()).setTimeout(timeoutMillis)
        .putHeader(HttpHeaders.USER_AGENT, userAgent);
    if (node.host().indexOf(':') >= 0) {
      options.putHeader(HttpHeaders.HOST, node.toString()); // Vert.x would send an IPv6 host without brackets
    }
    if (form.body() != null) {
      // The node refuses bodies without a real content type (browsers send text/plain).
      options.putHeader(HttpHeaders.CONTENT_TYPE, form.contentType());
    }
    Future<JsonObject> answer = request(options)
        .compose(request -> form.body() == null ? request.send() : request.send(form.body()))
        .compose(response -> response.body().map(body -> interpret(node, response.statusCode(), body)));
    return answer.recover(cause -> Future.failedFuture(failure(node, cause)));
  }

  /** A request on the prepared connection; on the pool if there is none or it failed (the pool reports why). */
  private Future<HttpClientRequest> request(RequestOptions options) {
    return prepared == null ? http.request(options)
        : prepared.transform(ar -> ar.succeeded() ? ar.result().request(options) : http.request(options));
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
