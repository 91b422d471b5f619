package dev.axnode.deploy.bench;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.boot.Kernel;
import dev.axnode.kernel.boot.NodeConfig;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * On-demand benchmark driver of {@code deploy/bench/events-bench.sh} (not run by the build): a
 * client of real nodes' event API (HTTP, port 4454) over loopback. Each mode prints one JSON
 * line on stdout.
 *
 * <pre>
 *   EventsBench publish PORT SECONDS BATCH IN_FLIGHT SEMANTICS   durable publish, events/s
 *   EventsBench sequential PORT SECONDS SEMANTICS                 one client, one event per answer
 *   EventsBench fill PORT COUNT SEMANTICS                        COUNT events, batches of 1000
 *   EventsBench catchup SOURCE_PORT TARGET_PORT START_EPOCH_MS TIMEOUT_S
 *   EventsBench lag PUBLISH_PORT SUBSCRIBE_PORT RATE SECONDS     live lag p50/p99
 *   EventsBench sign DATA_DIR COUNT                              EVENT_BLOCK signatures/s
 * </pre>
 *
 * {@code publish} keeps IN_FLIGHT requests of BATCH events outstanding for SECONDS (one client
 * connection per request in flight). {@code sequential} is one client that sends a single
 * event and waits for its answer before the next, on a blocking socket; it adds the answers'
 * latency (p50, p99). {@code catchup} waits until the target holds every
 * source's offset the source holds and counts from START_EPOCH_MS (when the script connected
 * the two). {@code lag} publishes single events at RATE per second on one node while a
 * subscriber on another node receives them; lag = arrival − the event's own timestamp, both
 * from this machine's clock. {@code sign} boots a keystore in this JVM (as a node does, on
 * DATA_DIR) and asks it for COUNT block signatures one at a time, after as many uncounted: the
 * signing cost of a block as the events verticle pays it, without the node's other work.
 */
public final class EventsBench {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final int FILL_BATCH = 1000;
  private static final int FILL_IN_FLIGHT = 4;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private EventsBench() {
  }

  public static void main(String[] args) {
    try {
      System.out.println(new EventsBench().run(args).encode());
      System.exit(0);
    } catch (Exception | AssertionError e) {
      LoggerFactory.getLogger(EventsBench.class).error("events bench failed", e);
      System.exit(1);
    }
  }

  private JsonObject run(String[] args) throws Exception {
    return switch (args[0]) {
      case "publish" -> publish(port(args[1]), Double.parseDouble(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), args[5]);
      case "sequential" -> sequential(port(args[1]), Double.parseDouble(args[2]), args[3]);
      case "fill" -> fill(port(args[1]), Long.parseLong(args[2]), args[3]);
      case "catchup" -> catchup(port(args[1]), port(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
      case "lag" -> lag(port(args[1]), port(args[2]), Integer.parseInt(args[3]), Double.parseDouble(args[4]));
      case "sign" -> sign(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    };
  }

  private static int port(String text) {
    return Integer.parseInt(text);
  }

  // ---- publish ----

  private JsonObject publish(int port, double seconds, int batch, int inFlight, String semantics) throws Exception {
    Buffer body = Buffer.buffer(batchBody(semantics, batch));
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong events = new AtomicLong();
    long started = System.nanoTime();
    runChains(port, inFlight, body, batch, () -> System.nanoTime() < deadline, events);
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new JsonObject().put("mode", "publish").put("batch", batch).put("inFlight", inFlight)
        .put("events", events.get()).put("seconds", elapsed).put("eventsPerSecond", events.get() / elapsed);
  }

  /**
   * One client that waits for each answer, on a blocking socket (HTTP/1.1 kept alive, no
   * Nagle): the thread that sends reads the answer, so nothing but the kernel stands between
   * the node and the next publish. Through the Vert.x client, whose event loop takes each
   * answer across, the same node answered 585 publishes/s against 1,301/s from a bare socket.
   */
  private static JsonObject sequential(int port, double seconds, String semantics) throws IOException {
    byte[] body = batchBody(semantics, 1).getBytes(StandardCharsets.UTF_8);
    byte[] head = ("POST /api/v1/events/publish HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    long[] latencies = new long[1 << 16];
    int count = 0;
    long started = System.nanoTime();
    long deadline = started + (long) (seconds * 1e9);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      while (System.nanoTime() < deadline) {
        long sent = System.nanoTime();
        out.write(request);
        out.flush();
        readOk(in);
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = System.nanoTime() - sent;
      }
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new JsonObject().put("mode", "sequential").put("events", count).put("seconds", elapsed)
        .put("eventsPerSecond", count / elapsed).put("p50Us", percentile(sorted, 50) / 1000)
        .put("p99Us", percentile(sorted, 99) / 1000);
  }

  /** Reads one HTTP/1.1 answer with a Content-Length; fails unless it is 200. */
  private static void readOk(InputStream in) throws IOException {
    String status = line(in);
    int length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    if (length < 0) {
      throw new IOException("an answer without Content-Length: " + status);
    }
    byte[] answer = in.readNBytes(length);
    if (answer.length < length) {
      throw new EOFException("the node closed the connection in an answer");
    }
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("publish answered " + status + ": " + new String(answer, StandardCharsets.UTF_8));
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the node closed the connection");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private JsonObject fill(int port, long count, String semantics) throws Exception {
    Buffer body = Buffer.buffer(batchBody(semantics, FILL_BATCH));
    AtomicLong claimed = new AtomicLong();
    AtomicLong events = new AtomicLong();
    long started = System.nanoTime();
    runChains(port, FILL_IN_FLIGHT, body, FILL_BATCH, () -> claimed.addAndGet(FILL_BATCH) <= count, events);
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new JsonObject().put("mode", "fill").put("events", events.get()).put("seconds", elapsed)
        .put("eventsPerSecond", events.get() / elapsed);
  }

  /**
   * {@code inFlight} clients, each on its own kept-alive connection, publishing {@code body}
   * one request after the other while {@code more} says so. A Vert.x client on one event loop:
   * the JDK's HttpClient hands every answer across its selector and executor threads, which
   * cost a single client more than the node's own work per publish (447 against ~750
   * publishes/s from a bare socket).
   */
  private void runChains(int port, int inFlight, Buffer body, int batch, BooleanSupplier more, AtomicLong events)
      throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
          new PoolOptions().setHttp1MaxSize(inFlight));
      CompletableFuture<Void> done = new CompletableFuture<>();
      // Built on the client's event loop: a chain built on this thread could see a small answer end
      // before asking for its body.
      vertx.getOrCreateContext().runOnContext(v -> {
        List<Future<Void>> chains = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
          Promise<Void> chain = Promise.promise();
          chain(client, port, body, batch, more, events, chain);
          chains.add(chain.future());
        }
        Future.all(chains).onComplete(ar -> {
          if (ar.succeeded()) {
            done.complete(null);
          } else {
            done.completeExceptionally(ar.cause());
          }
        });
      });
      done.get();
    } finally {
      vertx.close().await();
    }
  }

  /**
   * One client's requests one after the other while {@code more} says so; counts acknowledged
   * events. Completes {@code done} at the end: a future composed on the next request's would nest
   * one level per request, and completing thousands of them at once overflows the stack.
   */
  private static void chain(HttpClientAgent client, int port, Buffer body, int batch, BooleanSupplier more,
                            AtomicLong events, Promise<Void> done) {
    if (!more.getAsBoolean()) {
      done.complete();
      return;
    }
    client.request(HttpMethod.POST, port, "127.0.0.1", "/api/v1/events/publish")
        .compose(request -> request.putHeader("content-type", "application/json").send(body))
        .compose(response -> response.body().map(answer -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("publish answered " + response.statusCode() + ": " + answer);
          }
          return answer;
        }))
        .onSuccess(answer -> {
          events.addAndGet(batch);
          chain(client, port, body, batch, more, events, done);
        })
        .onFailure(done::fail);
  }

  /** A publish body of {@code batch} small JSON events, the shape of a sensor reading. */
  private static String batchBody(String semantics, int batch) {
    JsonArray data = new JsonArray();
    for (int i = 0; i < batch; i++) {
      data.add(new JsonObject().put("semantics", semantics).put("name", "n" + (i % 7))
          .put("payload", new JsonObject().put("i", i).put("value", 20.5).put("unit", "celsius")));
    }
    return new JsonObject().put("data", data).encode();
  }

  // ---- catch-up ----

  private JsonObject catchup(int sourcePort, int targetPort, long startEpochMs, long timeoutSeconds) throws Exception {
    JsonObject wanted = offsets(sourcePort);
    long total = 0;
    for (String source : wanted.fieldNames()) {
      total += wanted.getLong(source) + 1;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    JsonObject held = offsets(targetPort);
    while (!covers(held, wanted)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no catch-up within " + timeoutSeconds + " s: holds " + held + ", wants " + wanted);
      }
      // a poll every 20 ms: at most that much added to a catch-up that takes seconds
      new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS);
      held = offsets(targetPort);
    }
    double elapsed = (System.currentTimeMillis() - startEpochMs) / 1e3;
    return new JsonObject().put("mode", "catchup").put("events", total).put("seconds", elapsed)
        .put("eventsPerSecond", total / elapsed);
  }

  private static boolean covers(JsonObject held, JsonObject wanted) {
    return wanted.fieldNames().stream().allMatch(s -> held.getLong(s, -1L) >= wanted.getLong(s));
  }

  private JsonObject offsets(int port) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(port, "offsets")).timeout(REQUEST_TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("offsets answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body()).getJsonObject("result").getJsonObject("present");
  }

  // ---- live lag ----

  private JsonObject lag(int publishPort, int subscribePort, int rate, double seconds) throws Exception {
    int count = (int) (rate * seconds);
    String semantics = "bench.lag." + System.nanoTime();
    long[] lagsUs = new long[count];
    CountDownLatch arrived = new CountDownLatch(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    String query = new JsonObject().put("filter", new JsonObject().put("semantics", semantics)).encode();
    HttpResponse<Stream<String>> subscription = http.send(post(subscribePort, "subscribe", query),
        HttpResponse.BodyHandlers.ofLines());
    if (subscription.statusCode() != 200) {
      throw new IllegalStateException("subscribe answered " + subscription.statusCode());
    }
    Thread reader = new Thread(() -> receive(subscription.body().iterator(), lagsUs, arrived, failure), "lag-reader");
    reader.setDaemon(true);
    reader.start();
    ScheduledExecutorService timer = publishAtRate(publishPort, semantics, rate, count, failure);
    boolean all = arrived.await((long) seconds + 60, TimeUnit.SECONDS);
    timer.shutdownNow();
    if (failure.get() != null) {
      throw new IllegalStateException("lag run failed", failure.get());
    }
    if (!all) {
      throw new IllegalStateException((count - arrived.getCount()) + " of " + count + " events arrived");
    }
    Arrays.sort(lagsUs);
    return new JsonObject().put("mode", "lag").put("events", count).put("rate", rate)
        .put("p50Ms", percentile(lagsUs, 50) / 1e3).put("p99Ms", percentile(lagsUs, 99) / 1e3)
        .put("maxMs", lagsUs[count - 1] / 1e3);
  }

  /** Publishes {@code count} single events at {@code rate} per second, each without waiting for the one before. */
  private ScheduledExecutorService publishAtRate(int port, String semantics, int rate, int count,
                                                 AtomicReference<Throwable> failure) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicLong sent = new AtomicLong();
    String body = batchBody(semantics, 1);
    timer.scheduleAtFixedRate(() -> {
      if (sent.getAndIncrement() >= count) {
        return;
      }
      http.sendAsync(post(port, "publish", body), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        if (e != null || r.statusCode() != 200) {
          failure.compareAndSet(null, e != null ? e : new IllegalStateException("publish " + r.statusCode()));
        }
      });
    }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
    return timer;
  }

  /** Reads NDJSON lines: one event each (an empty line is a keep-alive, an error line ends the run). */
  private static void receive(Iterator<String> lines, long[] lagsUs, CountDownLatch arrived,
                              AtomicReference<Throwable> failure) {
    int index = 0;
    while (lines.hasNext() && index < lagsUs.length) {
      String line = lines.next();
      if (line.isBlank()) {
        continue;
      }
      long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      JsonObject event = new JsonObject(line);
      if (!event.containsKey("timestamp")) {
        failure.compareAndSet(null, new IllegalStateException("subscription ended: " + line));
        while (arrived.getCount() > 0) {
          arrived.countDown();
        }
        return;
      }
      lagsUs[index++] = now - event.getLong("timestamp");
      arrived.countDown();
    }
  }

  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(sorted.length * percent / 100.0);
    return sorted[Math.max(0, rank - 1)];
  }

  // ---- signing ----

  private JsonObject sign(Path dataDir, int count) throws Exception {
    Vertx vertx = Vertx.vertx();
    Kernel kernel = new Kernel(vertx, new NodeConfig().setDataDir(dataDir).setHttpPort(0).setAdminPort(0)
        .setSwarmPort(0).setVerticles(List.of(new VerticleSpec("keystore", "dev.axnode.keystore.KeystoreVerticle",
            null, null))));
    kernel.start().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    byte[] digest = new byte[32];
    signAll(vertx, digest, count);
    long started = System.nanoTime();
    signAll(vertx, digest, count);
    double elapsed = (System.nanoTime() - started) / 1e9;
    return new JsonObject().put("mode", "sign").put("signatures", count)
        .put("microsPerSignature", elapsed * 1e6 / count).put("perSecond", count / elapsed);
  }

  /** {@code count} EVENT_BLOCK signatures one after the other, each digest different. */
  private static void signAll(Vertx vertx, byte[] digest, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      digest[0] = (byte) i;
      digest[1] = (byte) (i >> 8);
      BusRequests.request(vertx, Addresses.KEYSTORE_SIGN, SignRequest.eventBlock(digest.clone()), 30_000)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  // ---- HTTP ----

  private static HttpRequest post(int port, String route, String body) {
    return HttpRequest.newBuilder(uri(port, route)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static URI uri(int port, String route) {
    return URI.create("http://127.0.0.1:" + port + "/api/v1/events/" + route);
  }
}
