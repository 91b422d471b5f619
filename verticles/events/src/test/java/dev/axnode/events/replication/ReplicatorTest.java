package dev.axnode.events.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.MessageCodecs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/**
 * The Replicator through the bus, against a stand-in for the handshake verticle's swarm stream
 * bridge: it lists one dialed connection, opens streams by joining the Replicator's links to
 * a session of a second log, and opens inbound streams the same way.
 */
@ExtendWith(VertxExtension.class)
class ReplicatorTest {

  private Context context;

  @BeforeEach
  void codecs(Vertx vertx) {
    MessageCodecs.registerAll(vertx.eventBus());
    context = vertx.getOrCreateContext();
  }

  /**
   * The far end of stream {@code streamId}: a session on {@code log} over the mirrored links,
   * started by the caller once the other end listens (as the handshake pumps only then).
   */
  private static ReplicationSession farEnd(Vertx vertx, String streamId, MemoryLog log, Promise<String> ended) {
    LinkChannel channel = new LinkChannel(vertx, LinkAddress.of(streamId, "app", LinkAddress.Direction.DOWN),
        LinkAddress.of(streamId, "app", LinkAddress.Direction.UP));
    return new ReplicationSession(log, channel, "A", ended::tryComplete);
  }

  private static Future<Void> holds(MemoryLog log, String source, long highest) {
    Promise<Void> promise = Promise.promise();
    Runnable[] stop = new Runnable[1];
    stop[0] = log.onStored(block -> {
      if (log.present().get(source) >= highest && promise.tryComplete()) {
        stop[0].run();
      }
    });
    if (log.present().get(source) >= highest) {
      promise.tryComplete();
    }
    return promise.future();
  }

  @Test
  void opensAStreamOnADialedConnectionAndEndsItWhenTheConnectionCloses(Vertx vertx, VertxTestContext test) {
    TestSource source = new TestSource();
    Promise<String> farEnded = Promise.promise();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      a.publish(source.blocks(2_000, 100));
      vertx.eventBus().consumer(Addresses.SWARM_PEERS, m -> m.reply(new JsonValue(new JsonArray()
          .add(new JsonObject().put("connectionId", "c1").put("peerId", "B").put("direction", "outbound"))
          .add(new JsonObject().put("connectionId", "c2").put("peerId", "C").put("direction", "inbound")))));
      vertx.eventBus().<JsonObject>consumer(Replicator.SWARM_STREAM_OPEN, m -> {
        test.verify(() -> assertEquals("c1", m.body().getString("connectionId")));
        farEnd(vertx, m.body().getString("streamId"), b, farEnded).start();
        m.reply(new JsonObject().put("streamId", m.body().getString("streamId")).put("peerId", "B"));
      });
      Replicator replicator = new Replicator(vertx, a);
      replicator.start()
          .compose(x -> holds(b, source.id, 1_999))
          .compose(x -> {
            test.verify(() -> assertEquals(1, replicator.sessions()));
            vertx.eventBus().publish(Addresses.CONNECTION_EVENTS, ConnectionEvent.closed("c1", null));
            return farEnded.future();
          })
          .compose(x -> replicator.stop())
          .onComplete(test.succeeding(x -> test.verify(() -> {
            assertEquals(0, replicator.sessions());
            assertEquals(a.present(), b.present());
            test.completeNow();
          })));
    });
  }

  @Test
  void aTopicChangeEndsTheSessionAndTheDialerReopensAtOnce(Vertx vertx, VertxTestContext test) {
    TestSource source = new TestSource();
    Promise<String> firstEnded = Promise.promise();
    Promise<Void> reopened = Promise.promise();
    int[] opens = new int[1];
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      a.publish(source.blocks(100, 10));
      vertx.eventBus().consumer(Addresses.SWARM_PEERS, m -> m.reply(new JsonValue(new JsonArray()
          .add(new JsonObject().put("connectionId", "c1").put("peerId", "B").put("direction", "outbound")))));
      vertx.eventBus().<JsonObject>consumer(Replicator.SWARM_STREAM_OPEN, m -> {
        opens[0]++;
        farEnd(vertx, m.body().getString("streamId"), b, opens[0] == 1 ? firstEnded : Promise.promise()).start();
        m.reply(new JsonObject().put("streamId", m.body().getString("streamId")).put("peerId", "B"));
        if (opens[0] == 2) {
          reopened.complete();
        }
      });
      Replicator replicator = new Replicator(vertx, a);
      replicator.start()
          .compose(x -> holds(b, source.id, 99))
          .compose(x -> {
            replicator.topicChanged();
            return Future.all(firstEnded.future(), reopened.future());
          })
          .compose(x -> {
            test.verify(() -> assertEquals(null, firstEnded.future().result(), "a clean end"));
            a.publish(source.blocks(10, 10));
            return holds(b, source.id, 109);
          })
          .compose(x -> replicator.stop())
          .onComplete(test.succeedingThenComplete());
    });
  }

  @Test
  void servesAStreamAPeerOpens(Vertx vertx, VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      b.publish(source.blocks(500, 50));
      vertx.eventBus().consumer(Addresses.SWARM_PEERS, m -> m.reply(new JsonValue(new JsonArray())));
      Replicator replicator = new Replicator(vertx, a);
      String streamId = UUID.randomUUID().toString();
      ReplicationSession far = farEnd(vertx, streamId, b, Promise.promise());
      replicator.start()
          .compose(x -> vertx.eventBus().<JsonObject>request(Replicator.SWARM_INBOUND, new JsonObject()
              .put("connectionId", "c9").put("streamId", streamId).put("peerId", "B").put("protocol", Replicator.PROTOCOL)))
          .compose(reply -> {
            far.start();
            return holds(a, source.id, 499);
          })
          .compose(x -> {
            b.publish(source.blocks(10, 10));
            return holds(a, source.id, 509);
          })
          .compose(x -> replicator.stop())
          .onComplete(test.succeedingThenComplete());
    });
  }
}
