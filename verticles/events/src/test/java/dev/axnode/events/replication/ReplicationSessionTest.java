package dev.axnode.events.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.StoredEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sessions over in-memory channels, with logs that verify Ed25519 block signatures for real. */
@ExtendWith(VertxExtension.class)
class ReplicationSessionTest {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationSessionTest.class);
  private static final long WINDOW = 256 * 1024;

  private Context context;

  @BeforeEach
  void context(Vertx vertx) {
    context = vertx.getOrCreateContext();
  }

  /** Two sessions joined by a fresh channel pair; [0] runs on {@code a}'s log. */
  private Link connect(MemoryLog a, MemoryLog b, String aId, String bId) {
    MemoryChannel[] channels = MemoryChannel.pair(context, WINDOW);
    Link link = new Link(channels);
    link.a = new ReplicationSession(a, channels[0], bId, link.aEnd::tryComplete);
    link.b = new ReplicationSession(b, channels[1], aId, link.bEnd::tryComplete);
    link.a.start();
    link.b.start();
    return link;
  }

  private static final class Link {
    final MemoryChannel[] channels;
    final Promise<String> aEnd = Promise.promise();
    final Promise<String> bEnd = Promise.promise();
    ReplicationSession a;
    ReplicationSession b;

    Link(MemoryChannel[] channels) {
      this.channels = channels;
    }
  }

  /** Completes once {@code log} holds {@code source} up to {@code highest}: on every store, no polling. */
  private static Future<Void> holds(MemoryLog log, String source, long highest) {
    Promise<Void> promise = Promise.promise();
    if (log.present().get(source) >= highest) {
      promise.complete();
      return promise.future();
    }
    Runnable[] stop = new Runnable[1];
    stop[0] = log.onStored(block -> {
      if (log.present().get(source) >= highest && promise.tryComplete()) {
        stop[0].run();
      }
    });
    return promise.future();
  }

  @Test
  void catchUpOfTenThousandEvents(VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      a.publish(source.blocks(10_000, 100));
      connect(a, b, "A", "B");
      holds(b, source.id, 9_999).onComplete(test.succeeding(x -> test.verify(() -> {
        assertEquals(a.present(), b.present());
        assertEquals(100, b.appended);
        test.completeNow();
      })));
    });
  }

  @Test
  void catchUpThroughput(VertxTestContext test) throws Exception {
    TestSource source = new TestSource();
    int events = 200_000;
    List<EventBlock> blocks = source.blocks(events, 1_000);
    context.runOnContext(v -> catchUp(blocks, source.id, true)
        .compose(verified -> catchUp(blocks, source.id, false).map(unverified -> {
          LOG.info("in-memory catch-up of {} events in blocks of 1000: {} events/s with Ed25519 verification, "
              + "{} events/s for the protocol alone", events, verified, unverified);
          return null;
        })).onComplete(test.succeedingThenComplete()));
    assertTrue(test.awaitCompletion(120, TimeUnit.SECONDS));
  }

  /** Events per second of one catch-up of {@code blocks} from a fresh log. */
  private Future<Long> catchUp(List<EventBlock> blocks, String source, boolean verify) {
    MemoryLog a = new MemoryLog(context, "t");
    MemoryLog b = new MemoryLog(context, "t");
    b.verify = verify;
    a.publish(blocks);
    long events = blocks.get(blocks.size() - 1).last() + 1;
    long start = System.nanoTime();
    Link link = connect(a, b, "A", "B");
    link.channels[0].countFrames = false;
    link.channels[1].countFrames = false;
    return holds(b, source, events - 1).map(x -> Math.round(events / ((System.nanoTime() - start) / 1e9)));
  }

  @Test
  void newBlocksArePushedLive(VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      a.publish(source.blocks(50, 10));
      Link link = connect(a, b, "A", "B");
      holds(b, source.id, 49).compose(x -> {
        int wants = link.channels[1].count(FrameType.WANT);
        a.publish(source.blocks(30, 10));
        return holds(b, source.id, 79).map(wants);
      }).onComplete(test.succeeding(wantsBefore -> test.verify(() -> {
        assertEquals(wantsBefore, link.channels[1].count(FrameType.WANT), "live blocks needed no WANT");
        assertEquals(8, link.channels[0].count(FrameType.BLOCK));
        test.completeNow();
      })));
    });
  }

  @Test
  void chainOfThreeRelays(VertxTestContext test) {
    TestSource sa = new TestSource();
    TestSource sc = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      MemoryLog b = new MemoryLog(context, "t");
      MemoryLog c = new MemoryLog(context, "t");
      a.publish(sa.blocks(1_000, 100));
      c.publish(sc.blocks(500, 50));
      connect(a, b, "A", "B");
      connect(b, c, "B", "C");
      Future.all(holds(c, sa.id, 999), holds(a, sc.id, 499)).compose(x -> {
        a.publish(sa.blocks(100, 10));
        c.publish(sc.blocks(100, 10));
        return Future.all(holds(c, sa.id, 1_099), holds(a, sc.id, 599));
      }).onComplete(test.succeeding(x -> test.verify(() -> {
        assertEquals(a.present(), c.present());
        assertEquals(a.present(), b.present());
        test.completeNow();
      })));
    });
  }

  @Test
  void aGapTriggersAPull(VertxTestContext test) {
    TestSource source = new TestSource();
    List<EventBlock> blocks = source.blocks(200, 100);
    context.runOnContext(v -> {
      MemoryLog b = new MemoryLog(context, "t");
      ScriptedPeer peer = new ScriptedPeer(context, b, WINDOW);
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
      // a live block whose predecessor B never got
      peer.send(new ReplicationFrame.Block(blocks.get(1)));
      peer.next(ReplicationFrame.Want.class).compose(want -> {
        test.verify(() -> {
          assertEquals(source.id, want.source());
          assertEquals(0, want.from());
          assertEquals(0, b.appended, "a block after a gap is not stored");
        });
        peer.send(new ReplicationFrame.Block(blocks.get(0)));
        peer.send(new ReplicationFrame.Block(blocks.get(1)));
        peer.send(new ReplicationFrame.Done(source.id, 200));
        return holds(b, source.id, 199);
      }).onComplete(test.succeedingThenComplete());
    });
  }

  @Test
  void topicMismatchEndsBothSides(VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "plant-1");
      MemoryLog b = new MemoryLog(context, "plant-2");
      a.publish(source.blocks(10, 10));
      Link link = connect(a, b, "A", "B");
      Future.all(link.aEnd.future(), link.bEnd.future()).onComplete(test.succeeding(x -> test.verify(() -> {
        assertTrue(link.aEnd.future().result().contains("topic mismatch"), link.aEnd.future().result());
        assertTrue(link.bEnd.future().result().contains("topic mismatch"), link.bEnd.future().result());
        assertEquals(-1, b.present().get(source.id));
        test.completeNow();
      })));
    });
  }

  @Test
  void aForgedBlockIsRefusedAndTheStreamEnded(VertxTestContext test) {
    TestSource source = new TestSource();
    TestSource forger = new TestSource();
    List<EventBlock> genuine = source.blocks(20, 10);
    context.runOnContext(v -> {
      MemoryLog b = new MemoryLog(context, "t");
      ScriptedPeer peer = new ScriptedPeer(context, b, WINDOW);
      // the forger signs events that claim to be source's
      EventBlock forged = forger.sign(genuine.get(0).events());
      EventBlock wrapped = new EventBlock(source.id, 0, 9, forged.signature(), genuine.get(0).events());
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
      peer.send(new ReplicationFrame.Block(wrapped));
      peer.next(ReplicationFrame.Error.class).compose(error -> peer.ended()).compose(why -> {
        test.verify(() -> {
          assertNotNull(why, "an error end, not a clean one");
          assertEquals(-1, b.present().get(source.id));
          assertEquals(1, b.refused);
        });
        // the node goes on serving others: a genuine peer still replicates
        ScriptedPeer honest = new ScriptedPeer(context, b, WINDOW);
        honest.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
        honest.send(new ReplicationFrame.Block(genuine.get(0)));
        return holds(b, source.id, 9);
      }).onComplete(test.succeedingThenComplete());
    });
  }

  @Test
  void aChangedEventIsRefused(VertxTestContext test) {
    TestSource source = new TestSource();
    EventBlock block = source.blocks(5, 5).get(0);
    List<StoredEvent> changed = new ArrayList<>(block.events());
    StoredEvent e = changed.get(2);
    changed.set(2, new StoredEvent(e.source(), e.offset(), e.lamport(), e.timestamp(), e.semantics(), e.name(), 0,
        "{\"n\":999}".getBytes(StandardCharsets.UTF_8)));
    context.runOnContext(v -> {
      MemoryLog b = new MemoryLog(context, "t");
      ScriptedPeer peer = new ScriptedPeer(context, b, WINDOW);
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
      peer.send(new ReplicationFrame.Block(new EventBlock(source.id, 0, 4, block.signature(), changed)));
      peer.ended().onComplete(test.succeeding(why -> test.verify(() -> {
        assertTrue(why.contains("refused"), why);
        assertEquals(-1, b.present().get(source.id));
        test.completeNow();
      })));
    });
  }

  @Test
  void aPeerThatDoesNotReadStopsTheSender(VertxTestContext test) {
    TestSource source = new TestSource();
    List<EventBlock> blocks = source.blocks(5_000, 100);
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      a.publish(blocks);
      ScriptedPeer peer = new ScriptedPeer(context, a, WINDOW);
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
      peer.next(ReplicationFrame.Hello.class).compose(hello -> {
        peer.channel.stalled = true;
        peer.send(new ReplicationFrame.Want(source.id, 0, 100_000));
        // everything A had to do has run once the sender's fetch answered: give it a few turns
        return turns(50);
      }).compose(x -> {
        long sent = peer.remote.bytesWritten;
        test.verify(() -> assertTrue(sent <= WINDOW + 16 * 1024 && sent >= WINDOW,
            "a stalled reader got " + sent + " bytes, window " + WINDOW));
        peer.channel.unstall();
        return peer.next(ReplicationFrame.Done.class);
      }).onComplete(test.succeeding(done -> test.verify(() -> {
        assertEquals(5_000, done.next());
        test.completeNow();
      })));
    });
  }

  @Test
  void aPeerThatClaimsEventsItNeverSendsIsRefused(VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog b = new MemoryLog(context, "t");
      ScriptedPeer peer = new ScriptedPeer(context, b, WINDOW);
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.of(java.util.Map.of(source.id, 99L))));
      peer.next(ReplicationFrame.Want.class).compose(want -> {
        peer.send(new ReplicationFrame.Done(source.id, 100));
        return peer.ended();
      }).onComplete(test.succeeding(why -> test.verify(() -> {
        assertTrue(why.contains("after sending nothing"), why);
        test.completeNow();
      })));
    });
  }

  @Test
  void aSecondWantOfOneSourceIsRefused(VertxTestContext test) {
    TestSource source = new TestSource();
    context.runOnContext(v -> {
      MemoryLog a = new MemoryLog(context, "t");
      a.publish(source.blocks(100, 10));
      ScriptedPeer peer = new ScriptedPeer(context, a, WINDOW);
      peer.channel.stalled = true;
      peer.send(new ReplicationFrame.Hello(1, "t", dev.axnode.events.model.OffsetMap.EMPTY));
      peer.send(new ReplicationFrame.Want(source.id, 0, 10));
      peer.send(new ReplicationFrame.Want(source.id, 0, 10));
      peer.channel.unstall();
      peer.ended().onComplete(test.succeeding(why -> test.verify(() -> {
        assertTrue(why.contains("a second WANT"), why);
        test.completeNow();
      })));
    });
  }

  /** Completes after {@code n} turns of the context: lets queued deliveries run, without a clock. */
  private Future<Void> turns(int n) {
    Promise<Void> promise = Promise.promise();
    step(n, promise);
    return promise.future();
  }

  private void step(int n, Promise<Void> promise) {
    if (n == 0) {
      promise.complete();
    } else {
      context.runOnContext(v -> step(n - 1, promise));
    }
  }
}
