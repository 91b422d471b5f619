package dev.axnode.deploy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loops of settings reads and writes over HTTP against a node, counting every request that
 * did not end in an OK envelope. Like any HTTP client, it resends an idempotent request
 * (GET, PUT) once when the server closed a kept-alive connection before answering: that
 * request was never processed (RFC 9112 §9.3.1).
 */
final class SettingsLoad {

  private final WebClient client;
  private final int port;
  private final AtomicBoolean running = new AtomicBoolean(true);
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger resent = new AtomicInteger();
  final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<Future<Void>> loops = new ArrayList<>();
  /** The last value each writer saw acknowledged, by scope. */
  final java.util.Map<String, String> lastAcknowledged = new java.util.concurrent.ConcurrentHashMap<>();

  SettingsLoad(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true));
    this.port = port;
  }

  void startReaders(int count) {
    for (int i = 0; i < count; i++) {
      loops.add(loop(n -> send(HttpMethod.GET, "/api/v1/settings?scope=.", null).mapEmpty()));
    }
  }

  /** A writer setting {@code scope} to prefix-1, prefix-2, … one after the other. */
  void startWriter(String scope, String prefix) {
    loops.add(loop(n -> {
      String value = prefix + "-" + n;
      return send(HttpMethod.PUT, "/api/v1/settings?scope=" + scope, "\"" + value + "\"")
          .onSuccess(ok -> lastAcknowledged.put(scope, value)).mapEmpty();
    }));
  }

  Future<Void> stop() {
    running.set(false);
    return Future.join(new ArrayList<>(loops)).mapEmpty();
  }

  private Future<Void> loop(java.util.function.Function<Integer, Future<Void>> step) {
    Promise<Void> done = Promise.promise();
    next(step, 1, done);
    return done.future();
  }

  private void next(java.util.function.Function<Integer, Future<Void>> step, int n, Promise<Void> done) {
    if (!running.get()) {
      done.complete();
      return;
    }
    step.apply(n).onComplete(ar -> next(step, n + 1, done));
  }

  private Future<JsonObject> send(HttpMethod method, String uri, String body) {
    requests.incrementAndGet();
    return attempt(method, uri, body).recover(failure -> {
      if (failure instanceof HttpClosedException) {
        resent.incrementAndGet();
        return attempt(method, uri, body);
      }
      return Future.failedFuture(failure);
    }).compose(response -> {
      JsonObject json = response.bodyAsJsonObject();
      if (response.statusCode() != 200 || !"OK".equals(json.getString("code"))) {
        return Future.failedFuture(method + " " + uri + " → " + response.statusCode() + " " + json.encode());
      }
      return Future.succeededFuture(json);
    }).onFailure(failure -> failures.add(method + " " + uri + ": " + failure));
  }

  private Future<HttpResponse<Buffer>> attempt(HttpMethod method, String uri, String body) {
    var request = client.request(method, port, "127.0.0.1", uri).timeout(20_000);
    return body == null ? request.send() : request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body));
  }
}
