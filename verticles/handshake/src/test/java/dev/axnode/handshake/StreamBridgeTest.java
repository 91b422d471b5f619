package dev.axnode.handshake;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.link.LinkAddress;
import dev.axnode.kernel.link.LinkAddress.Direction;
import dev.axnode.kernel.link.LinkEnd;
import dev.axnode.kernel.message.ConnectionEvent;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.yamux.YamuxConfig;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The swarm stream bridge between two nodes' handshake stacks (each its own Vert.x, keystore
 * stand-in and handshake verticle) over a real TCP connection, with test apps on the bus as
 * the contract in events-design.md describes them.
 */
class StreamBridgeTest {

  static final String EVENTS = "/ax/events/1.0.0";
  static final String ECHO = "/test/echo/1";
  static final String SINK = "/test/sink/1";
  static final String NOBODY = "/test/nobody/1";
  static final String ONLY_A = "/test/only-a/1";
  private static final long TIMEOUT_S = 60;

  private Node a;
  private Node b;
  /** A's id of the connection between the nodes, and B's. */
  private String atA;
  private String atB;

  @BeforeEach
  void connect() throws Exception {
    a = Node.start("a", new JsonArray().add(EVENTS).add(ECHO).add(SINK).add(NOBODY).add(ONLY_A), 3);
    b = Node.start("b", new JsonArray().add(EVENTS).add(ECHO).add(SINK).add(NOBODY), 2);
    Future<String> securedAtA = a.secured();
    Future<String> securedAtB = b.secured();
    int port = await(b.tcp.listen());
    await(a.tcp.dial(port));
    atA = await(securedAtA);
    atB = await(securedAtB);
  }

  @AfterEach
  void close() throws Exception {
    await(Future.all(a.vertx.close(), b.vertx.close()));
  }

  @Test
  void anOutboundStreamEchoesTenMebibytesEachWayInOrder() throws Exception {
    await(b.on(() -> AppStream.serve(b.vertx, ECHO, true, s -> { })));
    byte[] data = new byte[10 * 1024 * 1024];
    new Random(10).nextBytes(data);
    AppStream app = await(a.on(() -> AppStream.open(a.vertx, atA, ECHO, false)));
    await(a.on(() -> app.write(Buffer.buffer(data), true)));
    LinkEnd end = await(app.ended());
    assertTrue(end.clean(), "the echo's FIN arrives as a clean end: " + end);
    assertArrayEquals(data, app.received().getBytes());
    assertNoLinkConsumers(a, app.streamId);
  }

  @Test
  void aSlowAppStallsItsPeerWithinTheWindowsAndThenGetsEverything() throws Exception {
    List<AppStream> taken = new ArrayList<>();
    await(b.on(() -> AppStream.serve(b.vertx, SINK, false, s -> {
      s.stopReading();
      taken.add(s);
    })));
    byte[] data = new byte[32 * 1024 * 1024];
    new Random(8).nextBytes(data);
    AppStream writer = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    Future<Void> written = a.on(() -> writer.write(Buffer.buffer(data), true));
    await(until(b, () -> !taken.isEmpty() && taken.get(0).received().length() >= AppStream.WINDOW));
    await(after(b, 1_000));
    long stalled = await(a.on(() -> Future.succeededFuture(writer.written())));
    await(after(b, 500));
    long later = await(a.on(() -> Future.succeededFuture(writer.written())));
    assertEquals(stalled, later, "the writer went on while the app read nothing");
    // Held between the two apps: both links (1 MiB each), A's yamux send queue (its 256 KiB
    // mark and a 64 KiB write) and B's receive window, which auto-tunes up to 16 MiB
    // (YamuxConfig.maxStreamWindow) while the bridge hands the first MiB to the app at once.
    long bound = 2 * AppStream.WINDOW + 320 * 1024 + YamuxConfig.DEFAULT_MAX_STREAM_WINDOW;
    assertTrue(later <= bound, "the writer got " + later + " bytes out while the app read nothing");
    assertFalse(written.isComplete(), "32 MiB went through an app that does not read");
    await(b.on(() -> {
      taken.get(0).resumeReading();
      return Future.succeededFuture();
    }));
    LinkEnd end = await(taken.get(0).ended());
    assertTrue(end.clean(), end::toString);
    assertArrayEquals(data, taken.get(0).received().getBytes());
  }

  @Test
  void halfCloseAndResetMapToCleanAndErrorEnds() throws Exception {
    List<AppStream> taken = new ArrayList<>();
    await(b.on(() -> AppStream.serve(b.vertx, SINK, false, taken::add)));
    AppStream clean = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    await(a.on(() -> clean.write(Buffer.buffer("hello"), true)));
    await(until(b, () -> taken.size() == 1));
    assertTrue(await(taken.get(0).ended()).clean(), "A's clean end is B's FIN");
    await(b.on(() -> taken.get(0).write(Buffer.buffer("bye"), true)));
    assertTrue(await(clean.ended()).clean(), "B's clean end is A's FIN");
    assertEquals("hello", taken.get(0).received().toString());
    assertEquals("bye", clean.received().toString());

    AppStream reset = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    await(until(b, () -> taken.size() == 2));
    await(a.on(() -> {
      reset.reset("test reset");
      return Future.succeededFuture();
    }));
    assertFalse(await(taken.get(1).ended()).clean(), "A's error end is a reset at B");

    AppStream resetByB = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    await(until(b, () -> taken.size() == 3));
    await(b.on(() -> {
      taken.get(2).reset("test reset");
      return Future.succeededFuture();
    }));
    assertFalse(await(resetByB.ended()).clean(), "B's error end is a reset at A");
    assertNoLinkConsumers(a, reset.streamId);
    assertNoLinkConsumers(b, taken.get(2).streamId);
  }

  @Test
  void aClosedConnectionEndsBothLinksWithAnError() throws Exception {
    List<AppStream> taken = new ArrayList<>();
    await(b.on(() -> AppStream.serve(b.vertx, SINK, false, taken::add)));
    AppStream app = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    await(until(b, () -> taken.size() == 1));
    await(a.tcp.close(atA));
    LinkEnd atAEnd = await(app.ended());
    LinkEnd atBEnd = await(taken.get(0).ended());
    assertFalse(atAEnd.clean(), atAEnd::toString);
    assertFalse(atBEnd.clean(), atBEnd::toString);
    assertNoLinkConsumers(a, app.streamId);
    assertNoLinkConsumers(b, taken.get(0).streamId);
  }

  @Test
  void unknownProtocolsAndMissingAppsAreRefused() throws Exception {
    AxException notServed = failure(a.on(() -> AppStream.open(a.vertx, atA, "/test/unlisted/1", false)));
    assertEquals(ErrorCode.INVALID_INPUT, notServed.code(), notServed.getMessage());
    AxException peerRefuses = failure(a.on(() -> AppStream.open(a.vertx, atA, ONLY_A, false)));
    assertEquals(ErrorCode.NODE_UNREACHABLE, peerRefuses.code(), peerRefuses.getMessage());
    assertTrue(peerRefuses.getMessage().contains("does not serve"), peerRefuses.getMessage());
    // B agrees the protocol but no app serves it there: the stream is reset
    AppStream orphan = await(a.on(() -> AppStream.open(a.vertx, atA, NOBODY, false)));
    LinkEnd end = await(orphan.ended());
    assertFalse(end.clean(), end::toString);
    AxException noConnection = failure(a.on(() -> AppStream.open(a.vertx, "no-such-connection", ECHO, false)));
    assertEquals(ErrorCode.NODE_UNREACHABLE, noConnection.code());
  }

  @Test
  void bridgedStreamsPerConnectionAreLimited() throws Exception {
    List<AppStream> takenAtA = new ArrayList<>();
    await(a.on(() -> AppStream.serve(a.vertx, SINK, false, takenAtA::add)));
    await(b.on(() -> AppStream.serve(b.vertx, SINK, false, s -> { })));
    AppStream first = await(b.on(() -> AppStream.open(b.vertx, atB, SINK, false)));
    await(b.on(() -> AppStream.open(b.vertx, atB, SINK, false)));
    AxException third = failure(b.on(() -> AppStream.open(b.vertx, atB, SINK, false)));
    assertEquals(ErrorCode.NODE_UNREACHABLE, third.code(), third.getMessage());
    // A holds 2 of its 3 and opens one more: B, at its limit of 2, resets it
    AppStream overB = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    assertFalse(await(overB.ended()).clean(), "B took a third stream");
    // a stream that ends both ways frees its place
    await(until(a, () -> takenAtA.size() == 2));
    await(b.on(() -> first.write(Buffer.buffer("x"), true)));
    await(a.on(() -> {
      takenAtA.get(0).end();
      return Future.succeededFuture();
    }));
    await(first.ended());
    await(b.on(() -> AppStream.open(b.vertx, atB, SINK, false)));
  }

  @Test
  void stoppingTheHandshakeLayerEndsBridgedStreamsAndLeavesNoConsumers() throws Exception {
    List<AppStream> taken = new ArrayList<>();
    await(b.on(() -> AppStream.serve(b.vertx, SINK, false, taken::add)));
    AppStream app = await(a.on(() -> AppStream.open(a.vertx, atA, SINK, false)));
    await(until(b, () -> taken.size() == 1));
    await(a.vertx.undeploy(a.handshake));
    assertFalse(await(app.ended()).clean(), "the app's stream outlived the handshake layer");
    assertFalse(await(taken.get(0).ended()).clean(), "the peer's app did not hear the stream end");
    assertNoLinkConsumers(a, app.streamId);
    assertNoLinkConsumers(b, taken.get(0).streamId);
    Throwable gone = assertThrows(ExecutionException.class, () -> await(a.vertx.eventBus()
        .request(Addresses.SWARM_STREAM_OPEN, new JsonObject()))).getCause();
    assertEquals(ReplyFailure.NO_HANDLERS, ((ReplyException) gone).failureType());
  }

  /**
   * Nothing listens at the link addresses of a finished stream any more. A request that
   * reaches a consumer while it is being unregistered is discarded rather than refused, so
   * such an answer is asked again until the address has no handler at all.
   */
  private static void assertNoLinkConsumers(Node node, String streamId) throws Exception {
    String down = LinkAddress.of(streamId, BridgedStream.STAGE, Direction.DOWN).data();
    String upCredit = LinkAddress.of(streamId, BridgedStream.STAGE, Direction.UP).credit();
    for (String address : List.of(down, upCredit)) {
      ReplyFailure failure = null;
      for (int attempt = 0; attempt < 50 && failure != ReplyFailure.NO_HANDLERS; attempt++) {
        DeliveryOptions quick = new DeliveryOptions().setSendTimeout(1_000);
        Throwable e = assertThrows(ExecutionException.class,
            () -> await(node.vertx.eventBus().request(address, new JsonObject(), quick))).getCause();
        ReplyException reply = assertInstanceOf(ReplyException.class, e);
        failure = reply.failureType();
        assertTrue(failure == ReplyFailure.NO_HANDLERS || String.valueOf(reply.getMessage()).startsWith("Discarded"),
            address + " still has a consumer: " + reply.getMessage());
        if (failure != ReplyFailure.NO_HANDLERS) {
          await(after(node, 20));
        }
      }
      assertEquals(ReplyFailure.NO_HANDLERS, failure, address);
    }
  }

  private static AxException failure(Future<?> future) {
    Throwable e = assertThrows(ExecutionException.class, () -> await(future)).getCause();
    return assertInstanceOf(AxException.class, e);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  private static Future<Void> until(Node node, Supplier<Boolean> condition) {
    return node.on(() -> HandshakeLayerTest.until(node.vertx, condition::get));
  }

  private static Future<Void> after(Node node, long ms) {
    return node.on(() -> {
      Promise<Void> done = Promise.promise();
      node.vertx.setTimer(ms, id -> done.complete());
      return done.future();
    });
  }

  /** One node's handshake stack: its own Vert.x, keystore stand-in, handshake verticle and TCP stage. */
  static final class Node {
    final Vertx vertx = Vertx.vertx();
    final Context context = vertx.getOrCreateContext();
    final TcpStage tcp;
    String handshake;

    private Node(String name) {
      tcp = new TcpStage(name);
    }

    static Node start(String name, JsonArray appProtocols, int maxStreams) throws Exception {
      Node node = new Node(name);
      MessageCodecs.registerAll(node.vertx.eventBus());
      JsonObject config = new JsonObject().put("appProtocols", appProtocols)
          .put("maxAppStreamsPerConnection", maxStreams).put("drainTimeoutMs", 500);
      await(new FakeKeystore().register(node.vertx)
          .compose(v -> node.vertx.deployVerticle(new HandshakeVerticle(), new DeploymentOptions().setConfig(config)))
          .compose(id -> {
            node.handshake = id;
            return node.vertx.deployVerticle(node.tcp);
          }));
      return node;
    }

    /** The id of the next connection this node secures. */
    Future<String> secured() {
      Promise<String> id = Promise.promise();
      vertx.eventBus().<ConnectionEvent>consumer(Addresses.CONNECTION_EVENTS, m -> {
        if (!m.body().closed()) {
          id.tryComplete(m.body().connectionId());
        }
      });
      return id.future();
    }

    /** Runs {@code action} on this node's test context. */
    <T> Future<T> on(Supplier<Future<T>> action) {
      Promise<T> result = Promise.promise();
      context.runOnContext(v -> action.get().onComplete(result));
      return result.future();
    }
  }
}
