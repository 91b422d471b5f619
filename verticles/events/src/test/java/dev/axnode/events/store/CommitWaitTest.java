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
    assertFalse(afterWrite(wait, 1, 0, false));
  }

  @Test
  void theWriterWaitsUntilAsManyHaveComeBackAsItAnswered() throws Exception {
    CommitWait wait = newWait(60_000);
    assertTrue(afterWrite(wait, 3, 0, false), "none came back yet");
    assertTrue(arrive(wait, 2), "two of three came back");
    assertFalse(arrive(wait, 1), "all three came back");
    assertFalse(arrive(wait, 0), "the wait stays over until the next write ends");
    assertEquals(0, ranOut.get());
  }

  @Test
  void replicatedBlocksAreNeverHeld() throws Exception {
    CommitWait wait = newWait(60_000);
    assertFalse(afterWrite(wait, 8, 0, true));
  }

  @Test
  void aWaitThatRunsOutCapsTheNextAtWhatCameBackAndAFilledWaitDoublesTheCap() throws Exception {
    CommitWait wait = newWait(20);
    assertTrue(afterWrite(wait, 8, 3, false));
    assertTrue(ranOutLatch.await(10, TimeUnit.SECONDS), "the wait ran out");
    assertFalse(arrive(wait, 0), "a wait that ran out is over");

    assertFalse(afterWrite(wait, 8, 3, false), "capped at the three that came back in time, three are enough");

    assertTrue(afterWrite(wait, 8, 2, false), "two of the three of the cap came back");
    assertFalse(arrive(wait, 1), "the third fills the wait, which doubles the cap to six");

    assertTrue(afterWrite(wait, 8, 5, false), "five of the six of the cap came back");
    assertFalse(arrive(wait, 1));
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

  /** A write that answered {@code answered} publishes ends and {@code arrivals} come in: whether the writer waits. */
  private boolean afterWrite(CommitWait wait, int answered, int arrivals, boolean appendsQueued) throws Exception {
    return onContext(() -> {
      wait.writeStarted();
      wait.writeEnded(answered);
      for (int i = 0; i < arrivals; i++) {
        wait.arrived();
      }
      return wait.waiting(appendsQueued);
    });
  }

  /** {@code arrivals} more publishes come in: whether the writer still waits. */
  private boolean arrive(CommitWait wait, int arrivals) throws Exception {
    return onContext(() -> {
      for (int i = 0; i < arrivals; i++) {
        wait.arrived();
      }
      return wait.waiting(false);
    });
  }

  private <T> T onContext(Supplier<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    return result.get(10, TimeUnit.SECONDS);
  }
}
