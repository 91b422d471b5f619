package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.securechannel.protocols.AdminFrameCodec;
import dev.axnode.securechannel.protocols.AdminFrameException;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import io.vertx.core.json.JsonObject;

/**
 * An event query or subscription on its own {@code /ax/admin/1.0.0} stream: write the
 * request, then read event frames {@code {"id", "event"}} (a {@code {"id", "live"}} frame
 * says a subscription is in place) until the frame with {@code code} ends it. Received bytes
 * are credited back (yamux window) only while the terminal keeps up, so the node's paging
 * follows the reader. Runs on the connection's context.
 */
final class AdminStreamEvents implements EventFlow.Valve {

  private final SecureNodeAddress node;
  private final YamuxStream stream;
  private final long id;
  private final EventFlow flow;
  private final AdminFrameCodec decoder = new AdminFrameCodec();
  private long withheld;
  private boolean paused;
  private boolean done;

  AdminStreamEvents(SecureNodeAddress node, YamuxStream stream, long id, EventFlow flow) {
    this.node = node;
    this.stream = stream;
    this.id = id;
    this.flow = flow;
  }

  /** Takes ownership of {@code frame} and {@code leftover}. */
  void start(ByteBuf frame, ByteBuf leftover) {
    flow.valve(this);
    flow.result().onComplete(ar -> finish(ar.succeeded()));
    stream.handler(this::onData)
        .endHandler(() -> fail("The node closed the stream before the end of the events"))
        .resetHandler(e -> fail("The node reset the stream"));
    if (!stream.write(frame)) {
      fail("The stream closed before the request was sent");
    }
    onData(leftover);
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    if (withheld > 0 && !done) {
      stream.consumed((int) withheld);
      withheld = 0;
    }
  }

  private void onData(ByteBuf bytes) {
    try {
      if (done) {
        return;
      }
      int length = bytes.readableBytes();
      decoder.decode(bytes, this::onMessage);
      if (paused) {
        withheld += length;
      } else {
        stream.consumed(length);
      }
    } catch (AdminFrameException e) {
      flow.fail(new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node + " sent a malformed frame ("
          + e.getMessage() + ")"));
    } finally {
      bytes.release();
    }
  }

  private void onMessage(JsonObject message) {
    if (done) {
      return;
    }
    Object answerId = message.getValue("id");
    if (!(answerId instanceof Number number && number.longValue() == id) && answerId != null) {
      flow.fail(new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node + " answered request " + id
          + " with id " + answerId));
    } else if (message.getValue("event") instanceof JsonObject event) {
      flow.event(event);
    } else if ("OK".equals(message.getValue("code"))) {
      done = true;
      flow.end();
    } else if (message.getValue("code") instanceof String code) {
      done = true;
      flow.fail(new CommandException(code, message.getString("message", "(no message)")));
    }
    // {"id", "live": true}: the subscription is in place; nothing to show.
  }

  private void fail(String reason) {
    if (!done) {
      flow.fail(TransportFailures.unreachable(node, reason));
    }
  }

  private void finish(boolean answered) {
    done = true;
    if (answered) {
      stream.closeWrite();
    } else {
      stream.reset();
    }
  }
}
