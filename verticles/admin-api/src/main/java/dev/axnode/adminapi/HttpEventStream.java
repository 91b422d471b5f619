package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code events.query} and {@code events.subscribe} over HTTP: a chunked
 * {@code application/x-ndjson} response, one event per line. Until the first line the
 * answer may still be an error envelope with its status; after it an error is a last line
 * {@code {"code":"ERR_…","message":…}} and the response ends. A quiet subscription sends an
 * empty line every {@link #HEARTBEAT_MS} (NDJSON readers skip it). The next page is asked only
 * while the response's write queue has room; a client that hangs up stops the stream.
 */
final class HttpEventStream implements EventPager.Sink {

  static final String NDJSON = "application/x-ndjson";
  /**
   * A quiet subscription writes an empty line this often: the listeners close connections idle
   * for 60 s, and a client that is gone shows up as a failed write.
   */
  static final long HEARTBEAT_MS = 30_000;

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private Runnable stop = () -> { };
  private boolean started;
  private long heartbeat = -1;

  private HttpEventStream(RoutingContext ctx) {
    this.ctx = ctx;
    this.response = ctx.response();
  }

  /** Runs {@code operation} with {@code params} for the request of {@code ctx}. */
  static void serve(AdminService service, AdminOperation operation, RoutingContext ctx, JsonObject params) {
    HttpEventStream stream = new HttpEventStream(ctx);
    String ip = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    try {
      stream.stop = service.stream(operation, params, ctx.request().connection(), ip, stream);
    } catch (AxException e) {
      Envelope.fail(ctx, SubscriptionBudget.httpStatus(e), e);
      return;
    }
    // A client that hangs up (or a response that ends) stops the paging and frees the slot.
    ctx.addEndHandler(done -> {
      stream.stop.run();
      ctx.vertx().cancelTimer(stream.heartbeat);
    });
  }

  private void begin() {
    if (!started) {
      started = true;
      response.setChunked(true).putHeader("content-type", NDJSON).setStatusCode(200);
    }
  }

  @Override
  public void event(JsonObject event) {
    if (!response.ended() && !response.closed()) {
      begin();
      response.write(event.encode() + "\n");
    }
  }

  @Override
  public boolean full() {
    return response.writeQueueFull();
  }

  @Override
  public void onRoom(Runnable task) {
    response.drainHandler(v -> {
      response.drainHandler(null);
      task.run();
    });
  }

  @Override
  public void live() {
    // The headers go now, so the client knows the subscription is in place before any event.
    begin();
    response.writeHead();
    heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, id -> {
      if (!response.ended() && !response.closed() && !response.writeQueueFull()) {
        response.write("\n");
      }
    });
  }

  @Override
  public void end() {
    if (!response.ended() && !response.closed()) {
      begin();
      response.end();
    }
  }

  @Override
  public void fail(AxException error) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (!started) {
      Envelope.fail(ctx, error);
      return;
    }
    JsonObject line = new JsonObject().put("code", error.code().wireName()).put("message", error.getMessage());
    response.end(line.encode() + "\n");
  }
}
