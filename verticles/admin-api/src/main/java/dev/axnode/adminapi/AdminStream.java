package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.securechannel.protocols.AdminFrameException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code /ax/admin/1.0.0} stream: request frames in, response frames out, any order.
 *
 * <pre>
 *   bytes ─▶ AdminFrameCodec ─▶ JSON object? ─▶ client refused? ─▶ integer id? ─▶ &lt; 32 outstanding?
 *        ─▶ AdminService.call(method, params) ─▶ {"id", "code": "OK", "result"} | {"id", "code": "ERR_…", "message"}
 * </pre>
 *
 * A refused client (its key not admitted when the connection was secured, or not any more)
 * gets ERR_UNAUTHORIZED under its request's id, and the stream ends; the connection, told
 * through {@link Listener#changed}, then closes.
 *
 * A broken frame (too long, not a JSON object, cut off by the end of the stream) answers
 * ERR_INVALID_INPUT with id null and resets the stream; the connection goes on. A response
 * too large for a frame is replaced by an error with the request's id. Received
 * bytes are credited back to the client only while responses can be written, so a client
 * that floods without reading is throttled by yamux flow control. Confined to the
 * connection's event loop.
 */
final class AdminStream {

  static final String PROTOCOL = "/ax/admin/1.0.0";
  static final int MAX_OUTSTANDING = 32;
  private static final Logger LOG = LoggerFactory.getLogger(AdminStream.class);

  /** The stream's connection. */
  interface Listener {
    /** Why the client may not call now; null if it may. Asked on every request, so a change applies at once. */
    AxException refusal();

    /** The stream went idle (nothing outstanding) or ended. */
    void changed(AdminStream stream);

    /** The client's address, for the per-IP budget of event streams. */
    String remoteIp();
  }

  private final YamuxStream stream;
  private final AdminService service;
  /** Who calls, for privileges decided per request (code upload needs an explicit grant). */
  private final AuthorizedKeys keys;
  private final String clientKey;
  private final Listener listener;
  private final AdminFrameCodec decoder = new AdminFrameCodec();
  private int outstanding;
  private long withheldCredit;
  private boolean inputEnded;
  private boolean finished;
  private boolean refusedClient;
  /** The event queries and subscriptions running on this stream. */
  private final List<EventFrames> eventStreams = new ArrayList<>();
  /** Event streams waiting for the yamux stream to take more. */
  private final List<Runnable> roomWaiters = new ArrayList<>();

  AdminStream(YamuxStream stream, AdminService service, AuthorizedKeys keys, String clientKey, Listener listener) {
    this.stream = stream;
    this.service = service;
    this.keys = keys;
    this.clientKey = clientKey;
    this.listener = listener;
  }

  /** Takes over the negotiated stream; {@code leftover} (owned, already credited) holds its first bytes. */
  void start(ByteBuf leftover) {
    stream.resetHandler(e -> finish()).writabilityHandler(this::writable);
    try {
      feed(leftover);
    } finally {
      leftover.release();
    }
    if (!finished) {
      stream.handler(this::data).endHandler(this::end);
    }
  }

  boolean idle() {
    return outstanding == 0;
  }

  boolean finished() {
    return finished;
  }

  /** The client was refused on this stream: its connection must end. */
  boolean refusedClient() {
    return refusedClient;
  }

  private void data(ByteBuf buf) {
    int n = buf.readableBytes();
    try {
      feed(buf);
    } finally {
      buf.release();
    }
    if (finished) {
      return;
    }
    if (stream.isWritable()) {
      stream.consumed(n);
    } else {
      withheldCredit += n;
    }
  }

  private void writable() {
    if (withheldCredit > 0 && !finished) {
      int credit = (int) Math.min(withheldCredit, Integer.MAX_VALUE);
      withheldCredit -= credit;
      stream.consumed(credit);
    }
    List<Runnable> waiting = new ArrayList<>(roomWaiters);
    roomWaiters.clear();
    waiting.forEach(Runnable::run);
  }

  private void feed(ByteBuf buf) {
    if (finished || inputEnded) {
      return;
    }
    try {
      decoder.decode(buf, this::request);
    } catch (AdminFrameException e) {
      protocolError(e.getMessage());
    }
  }

  private void end() {
    try {
      decoder.streamEnded();
    } catch (AdminFrameException e) {
      protocolError(e.getMessage());
      return;
    }
    inputEnded = true;
    // The client closed its side: its subscriptions end (queries finish), then the stream closes.
    new ArrayList<>(eventStreams).stream().filter(EventFrames::subscription).forEach(EventFrames::close);
    closeIfDone();
  }

  private void request(JsonObject request) {
    if (finished) {
      return;
    }
    Object id = request.getValue("id");
    boolean integerId = id instanceof Integer || id instanceof Long || id instanceof BigInteger;
    AxException refusal = listener.refusal();
    if (refusal != null) {
      respond(error(integerId ? id : null, refusal));
      refusedClient = true;
      finish();
    } else if (!integerId) {
      respond(error(null, invalid("A request needs an integer \"id\"")));
    } else if (outstanding >= MAX_OUTSTANDING) {
      respond(error(id, invalid("Too many outstanding requests on this stream (at most "
          + MAX_OUTSTANDING + "); wait for responses")));
    } else if (!(request.getValue("method") instanceof String method)) {
      respond(error(id, invalid("A request needs a \"method\"")));
    } else if (request.getValue("params") != null && !(request.getValue("params") instanceof JsonObject)) {
      respond(error(id, invalid("\"params\" must be a JSON object")));
    } else {
      dispatch(id, method, request.getJsonObject("params"));
    }
  }

  private void dispatch(Object id, String method, JsonObject params) {
    AdminOperation operation = AdminOperation.byName(method).orElse(null);
    if (operation != null && operation.streams()) {
      streamEvents(id, operation, params);
      return;
    }
    outstanding++;
    Future<Object> result;
    try {
      result = service.call(method, params, keys.explicitlyAuthorizes(clientKey));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      outstanding--;
      respond(ar.succeeded() ? ok(id, ar.result()) : error(id, AxException.from(ar.cause())));
      if (outstanding == 0) {
        closeIfDone();
        listener.changed(this);
      }
    });
  }

  /**
   * Starts an event query or subscription: event frames {@code {"id", "event"}} (a subscription
   * first says {@code {"id", "live": true}}), then one end frame, {@code {"id", "code": "OK",
   * "result": {"events": n}}} or an error. Pages are asked only while the stream is writable.
   */
  private void streamEvents(Object id, AdminOperation operation, JsonObject params) {
    EventFrames frames = new EventFrames(id, operation == AdminOperation.EVENTS_SUBSCRIBE);
    outstanding++;
    eventStreams.add(frames);
    try {
      frames.stop = service.stream(operation, params, listener, listener.remoteIp(), frames);
    } catch (AxException e) {
      frames.fail(e);
    }
  }

  /** One event stream's frames, under its request's id. */
  private final class EventFrames implements EventPager.Sink {
    private final Object id;
    private final boolean subscription;
    private Runnable stop = () -> { };
    private long count;
    private boolean done;

    EventFrames(Object id, boolean subscription) {
      this.id = id;
      this.subscription = subscription;
    }

    boolean subscription() {
      return subscription;
    }

    /** Ends a subscription cleanly, as if it were complete. */
    void close() {
      stop.run();
      end();
    }

    @Override
    public void event(JsonObject event) {
      count++;
      respond(new JsonObject().put("id", id).put("event", event));
    }

    @Override
    public boolean full() {
      return !finished && !stream.isWritable();
    }

    @Override
    public void onRoom(Runnable task) {
      roomWaiters.add(task);
    }

    @Override
    public void live() {
      respond(new JsonObject().put("id", id).put("live", true));
    }

    @Override
    public void end() {
      if (finish()) {
        answered(ok(id, new JsonObject().put("events", count)));
      }
    }

    @Override
    public void fail(AxException error) {
      if (finish()) {
        answered(error(id, error));
      }
    }

    private boolean finish() {
      if (done) {
        return false;
      }
      done = true;
      eventStreams.remove(this);
      return true;
    }
  }

  /** The last frame of a request: the request is no longer outstanding. */
  private void answered(JsonObject response) {
    outstanding--;
    respond(response);
    if (outstanding == 0) {
      closeIfDone();
      listener.changed(this);
    }
  }

  private void respond(JsonObject response) {
    if (finished || stream.isWriteClosed()) {
      return;
    }
    if (!stream.write(encode(response))) {
      LOG.debug("admin stream {}: the client reads no responses; resetting", stream.id());
      stream.reset();
      finish();
    }
  }

  private static ByteBuf encode(JsonObject response) {
    try {
      return AdminFrameCodec.encode(response, ByteBufAllocator.DEFAULT);
    } catch (AdminFrameException e) {
      // Every request fits a frame, but its result may not (settings.set answers the whole tree):
      // the client gets an answer to its id rather than a frame it would have to refuse.
      LOG.debug("admin response to request {}: {}", response.getValue("id"), e.getMessage());
      String what = "OK".equals(response.getString("code")) ? "The request succeeded, but its result" : "The answer";
      AxException tooLarge = new AxException(ErrorCode.INTERNAL_ERROR, what + " is larger than the "
          + AdminFrameCodec.MAX_JSON_BYTES + " bytes of JSON a frame holds; use the HTTP API to read it");
      return AdminFrameCodec.encode(error(response.getValue("id"), tooLarge), ByteBufAllocator.DEFAULT);
    }
  }

  private void closeIfDone() {
    if (inputEnded && outstanding == 0 && !finished) {
      stream.closeWrite();
      finish();
    }
  }

  private void protocolError(String message) {
    LOG.debug("admin stream {}: {}", stream.id(), message);
    respond(error(null, invalid(message)));
    stream.reset();
    finish();
  }

  private void finish() {
    if (!finished) {
      finished = true;
      stream.handler(null).endHandler(null).writabilityHandler(null);
      roomWaiters.clear();
      new ArrayList<>(eventStreams).forEach(frames -> frames.stop.run());
      eventStreams.clear();
      listener.changed(this);
    }
  }

  /** {@code {"id": id, "code": "OK", "result": result}}. */
  private static JsonObject ok(Object id, Object result) {
    return new JsonObject().put("id", id).put("code", "OK").put("result", result);
  }

  /** {@code {"id": id, "code": "ERR_…", "message": …}}; id null when none could be read. */
  private static JsonObject error(Object id, AxException error) {
    return new JsonObject().put("id", id).put("code", error.code().wireName()).put("message", error.getMessage());
  }

  private static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }
}
