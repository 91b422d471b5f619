package dev.axnode.kernel.members;

import static dev.axnode.kernel.message.MessageSamples.assertSameMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.axnode.kernel.link.Buffers;
import dev.axnode.kernel.link.Chunk;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.MessageSamples;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every message type crosses a real clustered event bus (two Hazelcast members) both ways: request and reply. */
class ClusteredMessagesTest {

  private static final String MIRROR = "test.mirror";
  private static Vertx a;
  private static Vertx b;
  private static final ConcurrentLinkedQueue<Object> receivedByB = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void startTwoMembers() throws Exception {
    TestCluster cluster = TestCluster.of(2);
    a = cluster.start(0);
    b = cluster.start(1);
    MessageCodecs.registerAll(a.eventBus());
    MessageCodecs.registerAll(b.eventBus());
    await(b.eventBus().consumer(MIRROR, m -> {
      receivedByB.add(m.body());
      m.reply(m.body());
    }).completion());
    Members.awaitConsumer(a, MIRROR);
  }

  @AfterAll
  static void stop() throws Exception {
    await(Future.join(a.close(), b.close()));
  }

  @Test
  void everyTypeCrossesTheClusterAndComesBack() throws Exception {
    for (Map.Entry<Class<?>, List<Object>> type : MessageSamples.all().entrySet()) {
      for (Object sample : type.getValue()) {
        receivedByB.clear();
        Message<Object> reply = await(a.eventBus().request(MIRROR, sample));
        Object atB = receivedByB.poll();
        assertNotSame(sample, atB, "crossed the wire, not handed over in-process: " + type.getKey());
        assertSameMessage(sample, atB);
        assertSameMessage(sample, reply.body());
      }
    }
  }

  @Test
  void aPooledChunkCrossesWithoutLosingItsReference() throws Exception {
    ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(70_000);
    for (int i = 0; i < 70_000; i++) {
      pooled.writeByte(i * 13);
    }
    Chunk chunk = new Chunk(Buffers.buffer(pooled));
    Message<Chunk> reply = await(a.eventBus().request(MIRROR, chunk));
    assertEquals(1, pooled.refCnt(), "sending across members neither released nor retained the buffer");
    assertEquals(chunk.data(), reply.body().data());
    pooled.release();
    assertEquals((byte) 13, reply.body().data().getByte(1));
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
