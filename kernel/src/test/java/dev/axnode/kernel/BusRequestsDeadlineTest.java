package dev.axnode.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deadlines of event-bus requests: control requests end after 2 s, long operations keep their own deadline. */
@ExtendWith(VertxExtension.class)
class BusRequestsDeadlineTest {

  @Test
  void anUnansweredControlRequestFailsAfterTheDefaultDeadlineNamingItsVerticle(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(Addresses.SETTINGS_GET, m -> { }) // takes the request, never answers
        .completion()
        .compose(v -> {
          long sent = System.nanoTime();
          return BusRequests.request(vertx, Addresses.SETTINGS_GET, null)
              .recover(failure -> {
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
                test.verify(() -> {
                  AxException ax = assertInstanceOf(AxException.class, failure);
                  assertEquals(ErrorCode.NODE_UNREACHABLE, ax.code());
                  assertTrue(ax.getMessage().startsWith("The settings verticle did not answer ax.settings.get within 2000 ms"),
                      ax.getMessage());
                  assertTrue(took >= BusRequests.DEFAULT_TIMEOUT_MS, "failed after " + took + " ms");
                });
                return io.vertx.core.Future.succeededFuture();
              });
        })
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  void aRequestNothingServesFailsNamingTheMissingVerticle(Vertx vertx, VertxTestContext test) {
    BusRequests.request(vertx, Addresses.KEYSTORE_SIGN, null).onComplete(test.failing(failure -> test.verify(() -> {
      AxException ax = assertInstanceOf(AxException.class, failure);
      assertEquals(ErrorCode.NODE_UNREACHABLE, ax.code());
      assertTrue(ax.getMessage().contains("keystore verticle is not running"), ax.getMessage());
      test.completeNow();
    })));
  }

  @Test
  void aLongOperationKeepsItsOwnDeadline(Vertx vertx, VertxTestContext test) {
    vertx.eventBus().consumer(Addresses.SWARM_PERF, m -> vertx.setTimer(2_500, id -> m.reply("done")))
        .completion()
        .compose(v -> BusRequests.<String>request(vertx, Addresses.SWARM_PERF, null, 10_000))
        .onComplete(test.succeeding(answer -> test.verify(() -> {
          assertEquals("done", answer);
          test.completeNow();
        })));
  }

  @Test
  void settingsWritesMayQueueLongerThanControlRequests() {
    assertEquals(BusRequests.WRITE_TIMEOUT_MS, BusRequests.defaultTimeoutMs(Addresses.SETTINGS_SET));
    assertEquals(BusRequests.WRITE_TIMEOUT_MS, BusRequests.defaultTimeoutMs(Addresses.SETTINGS_UNSET));
    assertEquals(BusRequests.DEFAULT_TIMEOUT_MS, BusRequests.defaultTimeoutMs(Addresses.SETTINGS_GET));
    assertEquals(BusRequests.DEFAULT_TIMEOUT_MS, BusRequests.defaultTimeoutMs(Addresses.KEYSTORE_SIGN));
  }

  @Test
  void everyAddressNamesItsVerticle() {
    assertEquals("keystore", Addresses.verticleOf(Addresses.KEYSTORE_SIGN));
    assertEquals("settings", Addresses.verticleOf(Addresses.SETTINGS_SET));
    assertEquals("kernel", Addresses.verticleOf(Addresses.KERNEL_VERTICLES_LIST));
    assertEquals("handshake", Addresses.verticleOf(Addresses.SWARM_PERF));
    assertEquals("psk", Addresses.verticleOf(Addresses.link("c1", "psk", "up")));
  }
}
