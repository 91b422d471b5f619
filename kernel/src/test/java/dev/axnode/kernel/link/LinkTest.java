package dev.axnode.kernel.link;

import dev.axnode.kernel.message.MessageCodecs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class LinkTest {

  private static final long WINDOW = 64 * 1024;
  private final LinkAddress address = LinkAddress.of("c1", "psk", LinkAddress.Direction.UP);

  @BeforeEach
  void codecs(Vertx vertx) {
    MessageCodecs.registerAll(vertx.eventBus());
  }

  @Test
  void handsBuffersOverWithoutCopying(Vertx vertx, VertxTestContext test) {
    Buffer sent = Buffer.buffer("hello");
    LinkReceiver receiver = new LinkReceiver(vertx, address, WINDOW);
    LinkSender sender = new LinkSender(vertx, address, WINDOW);
    receiver.handler(received -> test.verify(() -> {
      assertSame(sent, received);
      test.completeNow();
    })).endHandler(end -> { });
    receiver.ready().compose(v -> sender.ready()).onComplete(test.succeeding(v -> sender.write(sent)));
  }

  @Test
  void aSlowReceiverStopsTheSenderUntilItConsumes(Vertx vertx, VertxTestContext test) {
    LinkReceiver receiver = new LinkReceiver(vertx, address, WINDOW);
    LinkSender sender = new LinkSender(vertx, address, WINDOW);
    List<Buffer> held = new ArrayList<>();
    receiver.handler(held::add);
    receiver.endHandler(end -> test.verify(() -> {
      assertTrue(end.clean());
      test.completeNow();
    }));
    receiver.ready().compose(v -> sender.ready()).onComplete(test.succeeding(v -> {
      int chunks = 0;
      while (sender.write(Buffer.buffer(new byte[16 * 1024]))) {
        chunks++;
      }
      assertEquals(3, chunks);
      assertFalse(sender.writable());
      sender.drainHandler(drained -> test.verify(() -> {
        assertTrue(sender.writable());
        sender.end(null);
      }));
      vertx.setTimer(50, t -> test.verify(() -> {
        assertEquals(4, held.size());
        assertFalse(sender.writable());
        receiver.consumed(held.stream().mapToLong(Buffer::length).sum());
      }));
    }));
  }

  @Test
  void chunksSentBeforeTheHandlersAreSetAreKept(Vertx vertx, VertxTestContext test) {
    LinkReceiver receiver = new LinkReceiver(vertx, address, WINDOW);
    LinkSender sender = new LinkSender(vertx, address, WINDOW);
    List<Object> seen = new ArrayList<>();
    receiver.ready().compose(v -> sender.ready()).onComplete(test.succeeding(v -> {
      sender.write(Buffer.buffer("early"));
      sender.end(null);
      vertx.setTimer(50, t -> {
        receiver.handler(seen::add).endHandler(end -> test.verify(() -> {
          assertEquals(1, seen.size());
          assertEquals("early", seen.get(0).toString());
          test.completeNow();
        }));
      });
    }));
  }

  @Test
  void nothingIsDeliveredAfterTheEnd(Vertx vertx, VertxTestContext test) {
    LinkReceiver receiver = new LinkReceiver(vertx, address, WINDOW);
    LinkSender sender = new LinkSender(vertx, address, WINDOW);
    List<Object> seen = new ArrayList<>();
    receiver.handler(seen::add).endHandler(seen::add);
    receiver.ready().compose(v -> sender.ready()).onComplete(test.succeeding(v -> {
      sender.write(Buffer.buffer("a"));
      sender.end("boom");
      assertFalse(sender.write(Buffer.buffer("b")));
      vertx.setTimer(50, t -> test.verify(() -> {
        assertEquals(2, seen.size());
        assertEquals(new LinkEnd("boom"), seen.get(1));
        test.completeNow();
      }));
    }));
  }
}
