package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;

/**
 * One {@code /ax/admin/1.0.0} stream: request frames in, response frames out, any order.
 *
 * <pre>
 *   bytes ─▶ FrameDecoder ─▶ JSON object? ─▶ integer id? ─▶ key authorized now? ─▶ &lt; 32 outstanding?
 *        ─▶ AdminService.call(method, params) ─▶ {"id", "code": "OK", "result"} | {"id", "code": "ERR_…", "message"}
 * </pre>
 *
 * A broken frame (too long, not a JSON object, cut off by the end of the stream) answers
 * ERR_INVALID_INPUT with id null and resets the stream; the connection goes on. Received
 * bytes are credited back to the client only while responses can be written, so a client
 * that floods without reading is throttled by yamux flow control. Confined to the
 * connection's event loop.
 */
final class AdminStream {

  static final String PROTOCOL = "/ax/admin/1.0.0";
  static final int MAX_OUTSTANDING = 32;
  private static final Logger LOG = LoggerFactory.getLogger(AdminStream.class);

  /** What the connection hears: the stream went idle (nothing outstanding) or ended. */
  interface Listener {
    void changed(AdminStream stream);
  }

  private final YamuxStream stream;
  private final AdminService service;
  private final AuthorizedKeys keys;
  private final String clientKey;
  private final Listener listener;
  private final FrameDecoder decoder = new FrameDecoder();
  private int outstanding;
  private long withheldCredit;
  private boolean inputEnded;
  private boolean finished;

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
  }

  private void feed(ByteBuf buf) {
    if (finished || inputEnded) {
      return;
    }
    try {
      decoder.decode(buf, this::frame);
    } catch (FrameDecoder.FrameException e) {
      protocolError(e.getMessage());
    }
  }

  private void end() {
    if (decoder.inFrame()) {
      protocolError("admin frame: the stream ended inside a frame");
      return;
    }
    inputEnded = true;
    closeIfDone();
  }

  private void frame(byte[] body) {
    if (finished) {
      return;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(Buffer.buffer(body));
    } catch (RuntimeException e) {
      parsed = null;
    }
    if (!(parsed instanceof JsonObject request)) {
      protocolError("admin frame: the frame is not a JSON object");
      return;
    }
    Object id = request.getValue("id");
    if (!(id instanceof Integer || id instanceof Long || id instanceof BigInteger)) {
      respond(AdminFrames.error(null, invalid("A request needs an integer \"id\"")));
    } else if (!keys.allows(clientKey)) {
      respond(AdminFrames.error(id, new AxException(ErrorCode.UNAUTHORIZED, AuthorizedKeys.REFUSED)));
    } else if (outstanding >= MAX_OUTSTANDING) {
      respond(AdminFrames.error(id, invalid("Too many outstanding requests on this stream (at most "
          + MAX_OUTSTANDING + "); wait for responses")));
    } else if (!(request.getValue("method") instanceof String method)) {
      respond(AdminFrames.error(id, invalid("A request needs a \"method\"")));
    } else if (request.getValue("params") != null && !(request.getValue("params") instanceof JsonObject)) {
      respond(AdminFrames.error(id, invalid("\"params\" must be a JSON object")));
    } else {
      dispatch(id, method, request.getJsonObject("params"));
    }
  }

  private void dispatch(Object id, String method, JsonObject params) {
    outstanding++;
    Future<Object> result;
    try {
      result = service.call(method, params);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      outstanding--;
      respond(ar.succeeded() ? AdminFrames.ok(id, ar.result()) : AdminFrames.error(id, AxException.from(ar.cause())));
      if (outstanding == 0) {
        closeIfDone();
        listener.changed(this);
      }
    });
  }

  private void respond(JsonObject response) {
    if (finished || stream.isWriteClosed()) {
      return;
    }
    if (!stream.write(AdminFrames.encode(ByteBufAllocator.DEFAULT, response))) {
      LOG.debug("admin stream {}: the client reads no responses; resetting", stream.id());
      stream.reset();
      finish();
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
    respond(AdminFrames.error(null, invalid(message)));
    stream.reset();
    finish();
  }

  private void finish() {
    if (!finished) {
      finished = true;
      stream.handler(null).endHandler(null).writabilityHandler(null);
      listener.changed(this);
    }
  }

  private static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }
}
