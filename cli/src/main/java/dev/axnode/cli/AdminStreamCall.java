package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.securechannel.protocols.AdminFrameException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/**
 * One request on its own {@code /ax/admin/1.0.0} stream: write the request frame, read
 * frames until the response with our id, then half-close. A stream per request keeps
 * requests independent (the node allows 16 at once) and needs no id bookkeeping beyond
 * a check. Runs on the connection's context.
 */
final class AdminStreamCall {

  private final SecureNodeAddress node;
  private final YamuxStream stream;
  private final long id;
  private final Promise<JsonObject> result;
  private final AdminFrameCodec decoder = new AdminFrameCodec();
  private boolean done;

  AdminStreamCall(SecureNodeAddress node, YamuxStream stream, long id, Promise<JsonObject> result) {
    this.node = node;
    this.stream = stream;
    this.id = id;
    this.result = result;
  }

  /** Takes ownership of {@code frame} and {@code leftover}. */
  void start(ByteBuf frame, ByteBuf leftover) {
    // A timeout or a closing connection completes the promise from outside: stop the stream then.
    result.future().onComplete(ar -> finish(ar.succeeded()));
    stream.handler(this::onData)
        .endHandler(() -> fail("The node closed the stream without an answer"))
        .resetHandler(e -> fail("The node reset the stream"));
    if (!stream.write(frame)) {
      fail("The stream closed before the request was sent");
    }
    onData(leftover);
  }

  private void onData(ByteBuf bytes) {
    try {
      if (done) {
        return;
      }
      int length = bytes.readableBytes();
      stream.consumed(length);
      decoder.decode(bytes, this::onMessage);
    } catch (AdminFrameException e) {
      result.tryFail(new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node + " sent a malformed answer ("
          + e.getMessage() + ")"));
    } finally {
      bytes.release();
    }
  }

  private void onMessage(JsonObject message) {
    if (done) {
      return; // the answer came in an earlier frame of the same read
    }
    Object answerId = message.getValue("id");
    if (answerId instanceof Number number && number.longValue() == id) {
      result.tryComplete(message);
    } else if (answerId == null && message.containsKey("code")) {
      result.tryComplete(message); // a protocol error the node could not tie to a request
    } else {
      result.tryFail(new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node
          + " answered request " + id + " with id " + answerId));
    }
  }

  private void fail(String reason) {
    if (!done) {
      result.tryFail(TransportFailures.unreachable(node, reason));
    }
  }

  private void finish(boolean answered) {
    if (done) {
      return;
    }
    done = true;
    if (answered) {
      stream.closeWrite();
    } else {
      stream.reset();
    }
  }
}
