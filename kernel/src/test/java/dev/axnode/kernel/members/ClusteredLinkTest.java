package dev.axnode.kernel.members;

import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.link.LinkReceiver;
import dev.axnode.kernel.link.LinkSender;
import dev.axnode.kernel.message.MessageCodecs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static dev.axnode.kernel.members.ClusteredMessagesTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Links whose two ends live in different members. Each end is made the moment the test wants
 * it, without waiting for the other's registration to spread: that race is the point. A lost
 * first chunk or credit shows as a short count, a wrong checksum or a link that never ends.
 */
class ClusteredLinkTest {

  private static final long WINDOW = 256 * 1024;
  private static Vertx a;
  private static Vertx b;
  private static int nextId;
  private static TestCluster cluster;

  @BeforeAll
  static void startTwoMembers() throws Exception {
    cluster = TestCluster.of(3);
    a = cluster.start(0);
    b = cluster.start(1);
    MessageCodecs.registerAll(a.eventBus());
    MessageCodecs.registerAll(b.eventBus());
  }

  @AfterAll
  static void stop() throws Exception {
    await(Future.join(a.close(), b.close()));
  }

  @Test
  void tenMebibytesCrossMembersInOrderWithCredit() throws Exception {
    Received received = await(link(10 * 1024 * 1024, 16 * 1024, false));
    assertEquals(10 * 1024 * 1024, received.bytes);
    assertEquals(expectedCrc(10 * 1024 * 1024), received.crc);
    assertTrue(received.end.clean());
  }

  @Test
  void manyLinksOpenedAtOnceLoseNoFirstChunk() throws Exception {
    List<Future<Received>> links = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      links.add(link(1000, 1000, false));
    }
    for (Future<Received> link : links) {
      Received received = await(link);
      assertEquals(1000, received.bytes);
      assertEquals(expectedCrc(1000), received.crc);
    }
  }

  @Test
  void aSenderClosedBeforeTheReceiverAppearsStillDeliversItsBytesAndEnd() throws Exception {
    Received received = await(link(5000, 5000, true));
    assertEquals(5000, received.bytes);
    assertTrue(received.end.clean());
  }

  @Test
  void aLinkEndsWithAnErrorWhenTheSendersMemberLeaves() throws Exception {
    Vertx c = cluster.start(2);
    MessageCodecs.registerAll(c.eventBus());
    LinkAddress address = LinkAddress.of("cl-leaving", "psk", LinkAddress.Direction.UP);
    Promise<Void> firstChunk = Promise.promise();
    Promise<LinkEnd> ended = Promise.promise();
    b.runOnContext(v -> new LinkReceiver(b, address, WINDOW)
        .handler(data -> firstChunk.tryComplete()).endHandler(ended::complete));
    c.runOnContext(v -> new LinkSender(c, address, WINDOW).write(Buffer.buffer("before the member goes")));
    await(firstChunk.future());
    await(c.close());
    LinkEnd end = await(ended.future());
    assertTrue(!end.clean() && end.error().contains("left the cluster"), end.toString());
  }

  /** Sends {@code total} bytes from member a to member b in {@code chunk}-sized writes. */
  private static Future<Received> link(int total, int chunk, boolean closeAtOnce) {
    LinkAddress address = LinkAddress.of("cl-" + (++nextId), "psk", LinkAddress.Direction.UP);
    Promise<Received> done = Promise.promise();
    a.runOnContext(v -> {
      LinkSender sender = new LinkSender(a, address, WINDOW);
      Writer writer = new Writer(sender, total, chunk);
      sender.drainHandler(d -> writer.pump());
      writer.pump();
      if (closeAtOnce) {
        sender.close();
      }
      b.runOnContext(w -> receive(address, done));
    });
    return done.future();
  }

  private static void receive(LinkAddress address, Promise<Received> done) {
    LinkReceiver receiver = new LinkReceiver(b, address, WINDOW);
    Received received = new Received();
    CRC32 crc = new CRC32();
    receiver.handler(data -> {
      received.bytes += data.length();
      crc.update(data.getBytes());
      receiver.consumed(data.length());
    }).endHandler(end -> {
      received.end = end;
      received.crc = crc.getValue();
      receiver.close();
      done.complete(received);
    });
  }

  private static long expectedCrc(int total) {
    CRC32 crc = new CRC32();
    for (int i = 0; i < total; i++) {
      crc.update(i * 7);
    }
    return crc.getValue();
  }

  private static final class Received {
    long bytes;
    long crc;
    LinkEnd end;
  }

  /** Writes a counting pattern while the link has credit; ends the link after the last byte. */
  private static final class Writer {
    private final LinkSender sender;
    private final int total;
    private final int chunk;
    private int written;

    Writer(LinkSender sender, int total, int chunk) {
      this.sender = sender;
      this.total = total;
      this.chunk = chunk;
    }

    void pump() {
      boolean more = true;
      while (more && written < total) {
        int size = Math.min(chunk, total - written);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
          bytes[i] = (byte) ((written + i) * 7);
        }
        written += size;
        more = sender.write(Buffer.buffer(bytes));
      }
      if (written == total) {
        sender.end(null);
      }
    }
  }
}
