package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.HttpForm;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

/**
 * {@code events.query} and {@code events.subscribe} over HTTP: the NDJSON response read line
 * by line, each event handed to the {@link EventFlow}, the response paused while the
 * terminal is behind. An error before the first line is the usual envelope; after it, a
 * last line {@code {"code":"ERR_…"}}. No request timeout: a subscription stays open.
 */
final class HttpEventStreamClient {

  private HttpEventStreamClient() {
  }

  static Future<JsonObject> stream(HttpClient http, HttpNodeAddress node, AdminCall call, String userAgent,
                                   EventSink sink) {
    HttpForm form = call.toHttp();
    RequestOptions options = new RequestOptions().setMethod(form.method()).setHost(node.host()).setPort(node.port())
        .setURI(form.path()).putHeader(HttpHeaders.USER_AGENT, userAgent)
        .putHeader(HttpHeaders.CONTENT_TYPE, form.contentType());
    if (node.host().indexOf(':') >= 0) {
      options.putHeader(HttpHeaders.HOST, node.toString());
    }
    EventFlow flow = new EventFlow(sink);
    return http.request(options)
        .compose(request -> request.send(form.body()))
        .compose(response -> read(node, response, flow))
        .recover(cause -> Future.failedFuture(cause instanceof CommandException ? cause
            : HttpNodeClient.failure(node, cause)));
  }

  private static Future<JsonObject> read(HttpNodeAddress node, HttpClientResponse response, EventFlow flow) {
    String type = response.getHeader(HttpHeaders.CONTENT_TYPE);
    if (response.statusCode() != 200 || type == null || !type.startsWith("application/x-ndjson")) {
      return response.body().map(body -> HttpNodeClient.interpret(node, response.statusCode(), body));
    }
    flow.valve(new EventFlow.Valve() {
      @Override
      public void pause() {
        response.pause();
      }

      @Override
      public void resume() {
        response.resume();
      }
    });
    response.handler(RecordParser.newDelimited("\n", line -> line(node, line.toString(), flow)));
    response.exceptionHandler(flow::fail);
    response.endHandler(v -> flow.end());
    return flow.result();
  }

  private static void line(HttpNodeAddress node, String text, EventFlow flow) {
    if (text.isBlank()) {
      return;
    }
    JsonObject line;
    try {
      line = new JsonObject(text);
    } catch (DecodeException e) {
      flow.fail(new CommandException(dev.axnode.kernel.ErrorCode.INTERNAL_ERROR, "Node at " + node
          + " sent a line that is not JSON in an event stream"));
      return;
    }
    if (line.getValue("code") instanceof String code) {
      flow.fail(new CommandException(code, line.getString("message", "(no message)")));
    } else {
      flow.event(line);
    }
  }
}
