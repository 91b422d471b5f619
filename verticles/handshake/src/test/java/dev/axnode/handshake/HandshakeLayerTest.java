package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.securechannel.protocols.NegotiatedStream;
import dev.axnode.securechannel.protocols.Perf;
import dev.axnode.securechannel.protocols.StreamProtocols;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handshake verticle driven through the event bus by a {@link LinkPeer} standing where
 * psk would: link credit, counts, refusal clean-up and the drain deadline.
 */
@ExtendWith(VertxExtension.class)
class HandshakeLayerTest {

  /** One Noise frame and a few control frames: what may go out after the credit ran out. */
  private static final long OVERSHOOT = 128 * 1024;
  private static final long DRAIN_TIMEOUT_MS = 500;

  private String deployment;
  private Context context;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext test) {
    MessageCodecs.registerAll(vertx.eventBus());
    context = vertx.getOrCreateContext();
    JsonObject config = new JsonObject().put("drainTimeoutMs", DRAIN_TIMEOUT_MS).put("handshakeTimeoutMs", 5_000);
    new FakeKeystore().register(vertx)
        .compose(v -> vertx.deployVerticle(new HandshakeVerticle(), new DeploymentOptions().setConfig(config)))
        .onComplete(test.succeeding(id -> {
          deployment = id;
          test.completeNow();
        }));
  }

  @Test
  void aPeerThatStopsReadingCannotMakeTheNodeBufferAHugePerfDownload(Vertx vertx, VertxTestContext test) {
    context.runOnContext(v -> {
      LinkPeer peer = new LinkPeer(vertx, "credit-1");
      peer.connect().onComplete(test.succeeding(secured -> {
        peer.stopReading();
        requestDownload(peer, 1L << 40);
        until(vertx, () -> peer.bytesDown() >= SecureConnection.WINDOW)
            .compose(x -> after(vertx, 1_000))
            .onComplete(test.succeeding(x -> {
              long sent = peer.bytesDown();
              test.verify(() -> assertTrue(sent <= SecureConnection.WINDOW + OVERSHOOT,
                  "the node sent " + sent + " bytes down a link with " + SecureConnection.WINDOW + " bytes of credit"));
              peer.resumeReading();
              until(vertx, () -> peer.bytesDown() >= sent + 4 * SecureConnection.WINDOW)
                  .onComplete(test.succeeding(y -> test.completeNow()));
            }));
      }));
    });
  }

  @Test
  void countsFollowConnectionsAndEveryEndReleasesThem(Vertx vertx, VertxTestContext test) {
    context.runOnContext(v -> {
      LinkPeer secured = new LinkPeer(vertx, "count-1");
      LinkPeer abandoned = new LinkPeer(vertx, "count-2");
      LinkPeer silent = new LinkPeer(vertx, "count-3");
      secured.connect()
          .compose(x -> silent.join())
          .compose(x -> abandoned.join())
          .compose(x -> stats(vertx))
          .onSuccess(counts -> test.verify(() -> {
            assertEquals(new JsonObject().put("connections", 3).put("pending", 2), counts);
          }))
          .compose(x -> {
            abandoned.channel().start();
            abandoned.hangUp();
            secured.hangUp();
            // the silent one meets the handshake timeout
            return Future.all(abandoned.ended(), secured.ended(), silent.ended());
          })
          .compose(x -> stats(vertx))
          .onComplete(test.succeeding(counts -> test.verify(() -> {
            assertEquals(new JsonObject().put("connections", 0).put("pending", 0), counts);
            assertTrue(silent.ended().result().error().contains("timed out"), silent.ended().result()::toString);
            test.completeNow();
          })));
    });
  }

  @Test
  void stopClosesWhatIsLeftAfterTheDrainDeadline(Vertx vertx, VertxTestContext test) {
    context.runOnContext(v -> {
      LinkPeer peer = new LinkPeer(vertx, "drain-1");
      peer.connect().onComplete(test.succeeding(secured -> {
        long start = System.nanoTime();
        vertx.undeploy(deployment).onComplete(test.succeeding(x -> test.verify(() -> {
          long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          assertTrue(tookMs >= DRAIN_TIMEOUT_MS - 50 && tookMs < DRAIN_TIMEOUT_MS + 2_000, "stop took " + tookMs + " ms");
          assertTrue(peer.ended().isComplete(), "the link down did not end");
          test.completeNow();
        })));
      }));
    });
  }

  private static void requestDownload(LinkPeer peer, long bytes) {
    new StreamProtocols().open(peer.channel().session(), Perf.PROTOCOL_ID).thenAccept((NegotiatedStream opened) -> {
      opened.leftover().release();
      opened.stream().handler(buf -> {
        opened.stream().consumed(buf.readableBytes());
        buf.release();
      });
      opened.stream().write(Unpooled.buffer(8).writeLong(bytes));
      opened.stream().closeWrite();
    });
  }

  private static Future<JsonObject> stats(Vertx vertx) {
    return BusRequests.<JsonValue>request(vertx, Addresses.HANDSHAKE_STATS, null).map(v -> (JsonObject) v.value());
  }

  /** Completes once {@code condition} holds, checked every 20 ms on the caller's context, for at most 10 s. */
  static Future<Void> until(Vertx vertx, BooleanSupplier condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    vertx.setPeriodic(0, 20, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        done.tryFail("condition not met within 10 s");
      }
    });
    return done.future();
  }

  private static Future<Void> after(Vertx vertx, long ms) {
    Promise<Void> done = Promise.promise();
    vertx.setTimer(ms, id -> done.complete());
    return done.future();
  }
}
