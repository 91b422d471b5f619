package dev.axnode.adminapi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.axnode.adminapi.AdminTestClient.await;

/** A plain HTTP client of the event API for tests: whole answers, or NDJSON lines as they come. */
final class EventHttp {

  /** A whole answer. */
  record Answer(int status, String contentType, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** A response read line by line, as it arrives; paused until {@link #resume}d when asked so. */
  static final class Lines {
    final HttpClientResponse response;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final io.vertx.core.Promise<Void> ended = io.vertx.core.Promise.promise();

    Lines(HttpClientResponse response) {
      this.response = response;
    }

    /** The next line within 20 s, or a failed test. */
    String next() throws InterruptedException {
      String line = lines.poll(20, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("no line within 20 s");
      }
      return line;
    }
  }

  private final HttpClient client;
  private final Context context;
  private final int port;

  EventHttp(Vertx vertx, int port) {
    this(vertx, port, new HttpClientOptions());
  }

  EventHttp(Vertx vertx, int port, HttpClientOptions options) {
    this.client = vertx.createHttpClient(options);
    this.context = vertx.getOrCreateContext();
    this.port = port;
  }

  Answer post(String path, Object body) {
    return send(HttpMethod.POST, path, Buffer.buffer(io.vertx.core.json.Json.encode(body)),
        Map.of("Content-Type", "application/json"));
  }

  Answer get(String path) {
    return send(HttpMethod.GET, path, null, Map.of());
  }

  Answer send(HttpMethod method, String path, Buffer body, Map<String, String> headers) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    headers.forEach(options::putHeader);
    return onContext(() -> client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(),
            response.getHeader("content-type"), b.toString()))));
  }

  /**
   * Runs {@code chain} on the client's context, so each step's callback is in place before the
   * event loop can complete it. Built on the test's thread, a chain raced the event loop: a
   * small answer could end before {@code response.body()} was asked for, and the test waited
   * for a body already gone (6 of 200 runs under load, though the node had answered).
   */
  private <T> T onContext(java.util.function.Supplier<Future<T>> chain) {
    io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
    context.runOnContext(v -> chain.get().onComplete(result));
    return await(result.future());
  }

  /** Posts {@code body} and hands the response's lines over as they arrive; {@code paused}: read nothing yet. */
  Lines stream(String path, JsonObject body, boolean paused) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader("Content-Type", "application/json");
    return onContext(() -> client.request(options).compose(request -> request.send(body.toBuffer())).map(response -> {
      Lines result = new Lines(response);
      if (paused) {
        response.pause();
      }
      RecordParser parser = RecordParser.newDelimited("\n", line -> result.lines.add(line.toString()));
      response.handler(parser);
      response.endHandler(v -> result.ended.tryComplete());
      response.exceptionHandler(result.ended::tryFail);
      return result;
    }));
  }

  void close() {
    await(client.close());
  }
}
