package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * A test app's end of one bridged swarm stream, as the contract asks an app to hold it: a
 * LinkReceiver at {@code link(streamId, "app", "up")}, a LinkSender to {@code …"down"}. It
 * either echoes what it receives (returning credit only as its own link lets it send) or
 * collects it, returning credit only while {@link #reading}. Use on one context.
 */
final class AppStream {

  static final long WINDOW = 1024 * 1024;
  private static final int WRITE_CHUNK = 64 * 1024;

  final String streamId;
  private final LinkReceiver in;
  private final LinkSender out;
  private final boolean echo;
  private final Promise<LinkEnd> ended = Promise.promise();
  private final Buffer received = Buffer.buffer();
  private boolean reading = true;
  private long held;
  private long written;

  private AppStream(Vertx vertx, String streamId, boolean echo) {
    this.streamId = streamId;
    this.echo = echo;
    in = new LinkReceiver(vertx, LinkAddress.of(streamId, BridgedStream.STAGE, Direction.UP), WINDOW);
    out = new LinkSender(vertx, LinkAddress.of(streamId, BridgedStream.STAGE, Direction.DOWN), WINDOW);
    in.handler(this::receive).endHandler(end -> {
      if (echo && end.clean()) {
        out.end(null);
      }
      ended.tryComplete(end);
    });
    if (echo) {
      out.drainHandler(v -> release());
    }
  }

  /** Opens a stream on {@code connectionId} as an app does; call on a context of {@code vertx}. */
  static Future<AppStream> open(Vertx vertx, String connectionId, String protocol, boolean echo) {
    AppStream app = new AppStream(vertx, UUID.randomUUID().toString(), echo);
    return Future.all(app.in.ready(), app.out.ready())
        .compose(v -> BusRequests.<JsonObject>request(vertx, Addresses.SWARM_STREAM_OPEN, new JsonObject()
            .put("connectionId", connectionId).put("protocol", protocol).put("streamId", app.streamId), 15_000))
        .map(reply -> app)
        .onFailure(e -> app.close());
  }

  /** Takes every inbound stream of {@code protocol}; call on a context of {@code vertx}. */
  static Future<MessageConsumer<JsonObject>> serve(Vertx vertx, String protocol, boolean echo, Consumer<AppStream> taken) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.swarmInbound(protocol), m -> {
      AppStream app = new AppStream(vertx, m.body().getString("streamId"), echo);
      Future.all(app.in.ready(), app.out.ready()).onSuccess(v -> {
        taken.accept(app);
        m.reply(new JsonObject());
      });
    });
    return consumer.completion().map(consumer);
  }

  private void receive(Buffer data) {
    if (echo) {
      out.write(data);
      if (out.writable()) {
        in.consumed(data.length());
      } else {
        held += data.length();
      }
      return;
    }
    received.appendBuffer(data);
    if (reading) {
      in.consumed(data.length());
    } else {
      held += data.length();
    }
  }

  private void release() {
    in.consumed(held);
    held = 0;
  }

  /** Stops returning credit, as an app too busy to read. */
  void stopReading() {
    reading = false;
  }

  void resumeReading() {
    reading = true;
    release();
  }

  /** Writes {@code data} as credit allows, then ends the link cleanly when {@code end}. */
  Future<Void> write(Buffer data, boolean end) {
    Promise<Void> done = Promise.promise();
    pump(data, 0, end, done);
    return done.future();
  }

  private void pump(Buffer data, int from, boolean end, Promise<Void> done) {
    int at = from;
    while (at < data.length() && out.writable()) {
      int to = Math.min(data.length(), at + WRITE_CHUNK);
      out.write(data.getBuffer(at, to));
      written += to - at;
      at = to;
    }
    if (at < data.length()) {
      int next = at;
      out.drainHandler(v -> pump(data, next, end, done));
      return;
    }
    if (end) {
      out.end(null);
    }
    done.complete();
  }

  /** Ends our direction with an error: the peer sees a reset. */
  void reset(String error) {
    out.end(error);
  }

  void end() {
    out.end(null);
  }

  long written() {
    return written;
  }

  Buffer received() {
    return received;
  }

  Future<LinkEnd> ended() {
    return ended.future();
  }

  void close() {
    in.close();
    out.close();
  }
}
