package dev.axnode.adminapi;

import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client stream of {@link AdminTestClient}: writes raw bytes or request frames, and hands
 * the response frames back in arrival order. Methods are safe to call from the test thread.
 */
final class TestStream {

  private final Context context;
  private final YamuxStream stream;
  /** Held to the protocol's limit, so a test also fails if the node sends a frame a client must refuse. */
  private final AdminFrameCodec decoder = new AdminFrameCodec();
  private final ArrayDeque<JsonObject> frames = new ArrayDeque<>();
  private final ArrayDeque<Promise<JsonObject>> waiting = new ArrayDeque<>();
  private final Promise<Void> reset = Promise.promise();
  private final Promise<Void> ended = Promise.promise();

  TestStream(Context context, YamuxStream stream, ByteBuf leftover) {
    this.context = context;
    this.stream = stream;
    try {
      receive(leftover);
    } finally {
      leftover.release();
    }
    stream.handler(this::data).endHandler(() -> ended.tryComplete()).resetHandler(e -> {
      reset.tryComplete();
      waiting.forEach(p -> p.tryFail("stream reset"));
      waiting.clear();
    });
  }

  private void data(ByteBuf buf) {
    int n = buf.readableBytes();
    try {
      receive(buf);
    } finally {
      buf.release();
    }
    stream.consumed(n);
  }

  private void receive(ByteBuf buf) {
    decoder.decode(buf, frame -> {
      Promise<JsonObject> waiter = waiting.poll();
      if (waiter != null) {
        waiter.complete(frame);
      } else {
        frames.add(frame);
      }
    });
  }

  /** The next response frame. */
  JsonObject next() {
    Promise<JsonObject> next = Promise.promise();
    context.runOnContext(v -> {
      JsonObject frame = frames.poll();
      if (frame != null) {
        next.complete(frame);
      } else if (stream.isReadClosed()) {
        next.fail("no more frames: the stream is closed");
      } else {
        waiting.add(next);
      }
    });
    return AdminTestClient.await(next.future());
  }

  /** Sends one request and returns the next frame (its response when nothing else is outstanding). */
  JsonObject call(long id, String method, JsonObject params) {
    send(request(id, method, params));
    return next();
  }

  static JsonObject request(long id, String method, JsonObject params) {
    JsonObject request = new JsonObject().put("id", id).put("method", method);
    return params == null ? request : request.put("params", params);
  }

  void send(JsonObject request) {
    write(frame(request.encode().getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] frame(byte[] body) {
    byte[] frame = new byte[4 + body.length];
    frame[0] = (byte) (body.length >>> 24);
    frame[1] = (byte) (body.length >>> 16);
    frame[2] = (byte) (body.length >>> 8);
    frame[3] = (byte) body.length;
    System.arraycopy(body, 0, frame, 4, body.length);
    return frame;
  }

  void write(byte[] bytes) {
    Promise<Void> written = Promise.promise();
    context.runOnContext(v -> {
      if (stream.write(Unpooled.wrappedBuffer(bytes))) {
        written.complete();
      } else {
        written.fail("the stream takes no more data");
      }
    });
    AdminTestClient.await(written.future());
  }

  void closeWrite() {
    context.runOnContext(v -> stream.closeWrite());
  }

  /** Waits until the node reset the stream. */
  void awaitReset() {
    AdminTestClient.await(reset.future());
  }

  /** Waits until the node half-closed the stream (FIN). */
  void awaitEnd() {
    AdminTestClient.await(ended.future());
  }

  Future<Void> resetFuture() {
    return reset.future();
  }
}
