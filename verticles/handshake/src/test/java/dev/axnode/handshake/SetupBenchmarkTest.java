package dev.axnode.handshake;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The setup loop against scripted steps: what it counts, that every dialed connection is closed, when it gives up. */
@ExtendWith(VertxExtension.class)
class SetupBenchmarkTest {

  /** Scripted steps: connection n is the n-th dial; records what happened in which order. */
  private static final class Script implements SetupBenchmark.Steps<Integer> {
    final List<String> log = new ArrayList<>();
    final Set<Integer> open = new HashSet<>();
    final List<String> dialsWhileOpen = new ArrayList<>();
    IntFunction<Future<Integer>> dial = Future::succeededFuture;
    IntFunction<Future<Void>> ping = n -> Future.succeededFuture();
    private int dials;

    @Override
    public Future<Integer> dial() {
      int n = ++dials;
      if (!open.isEmpty()) {
        dialsWhileOpen.add("dial " + n + " while " + open + " is still open");
      }
      log.add("dial " + n);
      return dial.apply(n).onSuccess(open::add);
    }

    @Override
    public Future<Void> ping(Integer connection) {
      log.add("ping " + connection);
      return ping.apply(connection);
    }

    @Override
    public Future<Void> close(Integer connection) {
      log.add("close " + connection);
      open.remove(connection);
      return Future.succeededFuture();
    }

    int dials() {
      return dials;
    }
  }

  private static <T> Future<T> onContext(Vertx vertx, Supplier<Future<T>> run) {
    Promise<T> promise = Promise.promise();
    vertx.runOnContext(v -> run.get().onComplete(promise));
    return promise.future();
  }

  @Test
  void countsRoundsAndClosesEveryConnectionBeforeTheNextDial(Vertx vertx, VertxTestContext ctx) {
    Script script = new Script();
    onContext(vertx, () -> new SetupBenchmark<>(vertx, script, Duration.ofMillis(200)).run())
        .onComplete(ctx.succeeding(figures -> ctx.verify(() -> {
          long count = figures.getLong("count");
          assertTrue(count > 10, figures.encode());
          assertEquals(count, script.dials());
          assertEquals(0, figures.getInteger("failures"));
          assertNull(figures.getValue("lastError"));
          assertTrue(figures.getDouble("seconds") >= 0.2, figures.encode());
          assertEquals(count / figures.getDouble("seconds"), figures.getDouble("perSecond"), 1e-9);
          assertTrue(figures.getDouble("medianMs") <= figures.getDouble("p90Ms"), figures.encode());
          assertEquals(List.of("dial 1", "ping 1", "close 1", "dial 2"), script.log.subList(0, 4));
          assertTrue(script.open.isEmpty(), "left open: " + script.open);
          assertEquals(List.of(), script.dialsWhileOpen);
          ctx.completeNow();
        })));
  }

  @Test
  void aFewFailedRoundsAreCountedAndTheirConnectionsClosed(Vertx vertx, VertxTestContext ctx) {
    Script script = new Script();
    script.ping = n -> n % 20 == 0 ? Future.failedFuture("stream reset") : Future.succeededFuture();
    onContext(vertx, () -> new SetupBenchmark<>(vertx, script, Duration.ofMillis(200)).run())
        .onComplete(ctx.succeeding(figures -> ctx.verify(() -> {
          assertEquals(script.dials() / 20, figures.getInteger("failures"), figures.encode());
          assertEquals(script.dials() - script.dials() / 20, figures.getLong("count"));
          if (script.dials() >= 20) {
            assertEquals("stream reset", figures.getString("lastError"));
            assertTrue(script.log.containsAll(List.of("ping 20", "close 20")),
                "the failed round's connection is closed");
          }
          assertTrue(script.open.isEmpty(), "left open: " + script.open);
          assertEquals(List.of(), script.dialsWhileOpen);
          ctx.completeNow();
        })));
  }

  @Test
  void givesUpAfterElevenFailuresWithoutSuccess(Vertx vertx, VertxTestContext ctx) {
    Script script = new Script();
    script.dial = n -> Future.failedFuture(new AxException(ErrorCode.NODE_UNREACHABLE, "Connection refused"));
    onContext(vertx, () -> new SetupBenchmark<>(vertx, script, Duration.ofSeconds(60)).run())
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          AxException failure = assertInstanceOf(AxException.class, e);
          assertEquals(ErrorCode.NODE_UNREACHABLE, failure.code());
          assertEquals("too many failed setups (11, 0 succeeded), last: Connection refused", failure.getMessage());
          assertEquals(11, script.dials());
          ctx.completeNow();
        })));
  }

  @Test
  void aRoundThatTimesOutStillClosesItsLateConnection(Vertx vertx, VertxTestContext ctx) {
    Script script = new Script();
    script.dial = n -> {
      if (n > 1) {
        return Future.succeededFuture(n);
      }
      Promise<Integer> late = Promise.promise();
      vertx.setTimer(300, id -> late.complete(n));
      return late.future();
    };
    onContext(vertx, () -> new SetupBenchmark<>(vertx, script, Duration.ofMillis(400), 50).run())
        .onComplete(ctx.succeeding(figures -> ctx.verify(() -> {
          assertEquals(1, figures.getInteger("failures"));
          assertEquals("setup timed out after 50 ms", figures.getString("lastError"));
          assertTrue(script.log.indexOf("close 1") < script.log.indexOf("dial 2"), script.log.toString());
          assertTrue(script.open.isEmpty(), "left open: " + script.open);
          assertEquals(List.of(), script.dialsWhileOpen);
          ctx.completeNow();
        })));
  }

  @Test
  void stopEndsTheRunWithTheFiguresSoFar(Vertx vertx, VertxTestContext ctx) {
    Script script = new Script();
    SetupBenchmark<Integer> benchmark = new SetupBenchmark<>(vertx, script, Duration.ofSeconds(60));
    Future<JsonObject> run = onContext(vertx, () -> {
      vertx.setTimer(100, id -> benchmark.stop());
      return benchmark.run();
    });
    run.onComplete(ctx.succeeding(figures -> ctx.verify(() -> {
      assertTrue(figures.getDouble("seconds") < 30, figures.encode());
      assertEquals(script.dials(), figures.getLong("count"));
      ctx.completeNow();
    })));
  }
}
