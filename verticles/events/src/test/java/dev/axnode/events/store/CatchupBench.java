package dev.axnode.events.store;

import dev.axnode.events.PlainPayloadKeys;
import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.EventEncoding;
import dev.axnode.events.model.StoredEvent;
import dev.axnode.events.replication.FrameCodec;
import dev.axnode.events.replication.FrameDecoder;
import dev.axnode.events.replication.ReplicationFrame;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.message.SignPurpose;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store's share of a catch-up, without the network: a fresh store appends pre-signed
 * blocks of another source (verification, inserts, group commits, at most 8 blocks pending as
 * a replication session keeps them), then the answering side reads them back in WANT-sized
 * batches and encodes and decodes them as frames. Reports events/s and this JVM's CPU time per
 * event (all threads). Skipped in the suite; run it with
 * {@code mvn -B -o -pl verticles/events test -Dtest=CatchupBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.events=n}, {@code -Dbench.rounds=n}).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CatchupBench {

  private static final Logger LOG = LoggerFactory.getLogger(CatchupBench.class);
  private static final int PENDING = 8;

  @TempDir
  Path dir;

  @Test
  void appendAndServe() throws Exception {
    int events = Integer.getInteger("bench.events", 200_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    List<EventBlock> blocks = signedBlocks(events);
    Vertx vertx = Vertx.vertx();
    try {
      for (int round = 0; round < rounds; round++) {
        EventStore store = TestAwait.await(EventStore.open(vertx, dir.resolve("r" + round), "bench", "me",
            new PlainPayloadKeys()));
        Context context = vertx.getOrCreateContext();
        long cpu = cpuNanos();
        long start = System.nanoTime();
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> appendAll(store, blocks, done));
        TestAwait.await(done.future());
        report("append", events, start, cpu);
        cpu = cpuNanos();
        start = System.nanoTime();
        Promise<Integer> served = Promise.promise();
        context.runOnContext(v -> serve(store, blocks.get(0).source(), 0, 0, served));
        assertEquals(events, TestAwait.await(served.future()));
        report("read+encode+decode", events, start, cpu);
        Promise<Void> closed = Promise.promise();
        context.runOnContext(v -> store.close().onComplete(closed));
        TestAwait.await(closed.future());
      }
    } finally {
      TestAwait.await(vertx.close());
    }
  }

  private static void report(String what, int events, long start, long cpu) {
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("BENCH {}: {} events/s, {} µs of CPU per event", what, Math.round(events / seconds),
        String.format("%.2f", (cpuNanos() - cpu) / 1e3 / events));
  }

  /** Appends every block with at most {@link #PENDING} not yet durable, as a replication session does. */
  private static void appendAll(EventStore store, List<EventBlock> blocks, Promise<Void> done) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < PENDING; i++) {
      appendNext(store, blocks, next, finished, done);
    }
  }

  private static void appendNext(EventStore store, List<EventBlock> blocks, AtomicInteger next, AtomicInteger finished,
                                 Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= blocks.size()) {
      return;
    }
    store.append(blocks.get(i), "peer").onComplete(ar -> {
      if (ar.failed()) {
        done.tryFail(ar.cause());
      } else if (finished.incrementAndGet() == blocks.size()) {
        done.complete();
      } else {
        appendNext(store, blocks, next, finished, done);
      }
    });
  }

  private static void serve(EventStore store, String source, long from, int count, Promise<Integer> served) {
    Future<List<EventBlock>> batch = store.blocks(source, from, 10_000, 4 << 20);
    batch.onFailure(served::fail).onSuccess(blocks -> {
      if (blocks.isEmpty()) {
        served.complete(count);
        return;
      }
      FrameDecoder decoder = new FrameDecoder();
      int decoded = 0;
      for (EventBlock block : blocks) {
        Buffer frame = FrameCodec.encode(new ReplicationFrame.Block(block));
        decoder.feed(frame);
        decoded += ((ReplicationFrame.Block) decoder.next()).block().size();
      }
      serve(store, source, blocks.get(blocks.size() - 1).last() + 1, count + decoded, served);
    });
  }

  /** {@code count} events of a new source in signed blocks of 1000, shaped like the events bench's. */
  private static List<EventBlock> signedBlocks(int count) {
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    String source = NodeId.ofPublicKey(key.generatePublicKey().getEncoded()).toString();
    List<EventBlock> blocks = new ArrayList<>();
    for (int first = 0; first < count; first += 1000) {
      List<StoredEvent> events = new ArrayList<>();
      for (int offset = first; offset < Math.min(count, first + 1000); offset++) {
        byte[] payload = ("{\"i\":" + (offset % 1000) + ",\"value\":20.5,\"unit\":\"celsius\"}")
            .getBytes(StandardCharsets.UTF_8);
        events.add(new StoredEvent(source, offset, offset + 1, 1_700_000_000_000_000L + offset, "bench.catchup",
            "n" + (offset % 7), 0, payload));
      }
      Ed25519Signer signer = new Ed25519Signer();
      signer.init(true, key);
      byte[] message = SignPurpose.EVENT_BLOCK.signedMessage(EventEncoding.blockDigest(source, events));
      signer.update(message, 0, message.length);
      blocks.add(new EventBlock(source, first, first + events.size() - 1, signer.generateSignature(), events));
    }
    return blocks;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Blocking waits for the bench thread. */
  private static final class TestAwait {
    static <T> T await(Future<T> future) throws Exception {
      return future.toCompletionStage().toCompletableFuture().get();
    }
  }
}
