package dev.axnode.events.store;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the idle writer waits for the clients it has just answered, and when it stops waiting for them. */
class CommitWaitTest {

  private Vertx vertx;
  private Context context;
  private final AtomicInteger ranOut = new AtomicInteger();
  private CountDownLatch ranOutLatch = new CountDownLatch(1);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aLoneClientNeverWaits() throws Exception {
    CommitWait wait = newWait(1000);
    assertFalse(onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(1);
      return wait.waiting(false);
    }));
  }

  @Test
  void theWriterWaitsUntilAsManyHaveComeBackAsItAnswered() throws Exception {
    CommitWait wait = newWait(60_000);
    onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(3);
      return null;
    });
    assertTrue(onContext(() -> wait.waiting(false)), "none came back yet");
    assertTrue(onContext(() -> {
      wait.arrived();
      wait.arrived();
      return wait.waiting(false);
    }), "two of three came back");
    assertFalse(onContext(() -> {
      wait.arrived();
      return wait.waiting(false);
    }), "all three came back");
    assertFalse(onContext(() -> wait.waiting(false)), "the wait stays over until the next write ends");
    assertEquals(0, ranOut.get());
  }

  @Test
  void replicatedBlocksAreNeverHeld() throws Exception {
    CommitWait wait = newWait(60_000);
    assertFalse(onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(8);
      return wait.waiting(true);
    }));
  }

  @Test
  void aWaitThatRunsOutCapsTheNextAtWhatCameBackAndAFilledWaitDoublesTheCap() throws Exception {
    CommitWait wait = newWait(20);
    onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(8);
      wait.arrived();
      wait.arrived();
      wait.arrived();
      return wait.waiting(false);
    });
    assertTrue(ranOutLatch.await(10, TimeUnit.SECONDS), "the wait ran out");
    assertFalse(onContext(() -> wait.waiting(false)), "a wait that ran out is over");

    ranOutLatch = new CountDownLatch(1);
    assertFalse(onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(8);
      wait.arrived();
      wait.arrived();
      wait.arrived();
      return wait.waiting(false);
    }), "capped at the three that came back in time, three are enough");

    assertTrue(onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(8);
      wait.arrived();
      wait.arrived();
      return wait.waiting(false);
    }), "two of the three of the cap came back");
    assertFalse(onContext(() -> {
      wait.arrived();
      return wait.waiting(false);
    }), "the third fills the wait, which doubles the cap to six");

    assertTrue(onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(8);
      for (int i = 0; i < 5; i++) {
        wait.arrived();
      }
      return wait.waiting(false);
    }), "five of the six of the cap came back");
    assertFalse(onContext(() -> {
      wait.arrived();
      return wait.waiting(false);
    }));
    assertEquals(1, ranOut.get(), "only the first wait ran out");
  }

  @Test
  void aWaitBelowOneMillisecondIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CommitWait(vertx, 0, () -> { }));
  }

  private CommitWait newWait(long maxMs) {
    return new CommitWait(vertx, maxMs, () -> {
      ranOut.incrementAndGet();
      ranOutLatch.countDown();
    });
  }

  private <T> T onContext(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    return result.get(10, TimeUnit.SECONDS);
  }
}
