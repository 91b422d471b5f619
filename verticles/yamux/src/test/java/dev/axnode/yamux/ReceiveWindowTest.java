package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The window rule in isolation: update at half, double only inside 2 RTTs, within budgets. */
class ReceiveWindowTest {

  private static final int KIB = 1024;
  private static final long MS = 1_000_000L;

  private static final class Budget implements ReceiveWindow.Budget {
    long allowance = Long.MAX_VALUE;

    @Override
    public long growthAllowance() {
      return allowance;
    }

    @Override
    public void grew(long bytes) {
      allowance -= bytes;
    }
  }

  private final Budget budget = new Budget();

  @Test
  void updateIsDueOnlyOnceHalfTheWindowWasConsumed() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 16 * 1024 * KIB, 0);
    w.received(200 * KIB);
    w.consumed(128 * KIB - 1);
    assertEquals(0, w.takeUpdate(false, 100 * MS, 10 * MS, budget));
    w.consumed(1);
    assertEquals(128 * KIB, w.takeUpdate(false, 100 * MS, 10 * MS, budget));
    assertEquals(256 * KIB - 200 * KIB + 128 * KIB, w.credit());
  }

  @Test
  void doublesWhenTheLastUpdateWasLessThanTwoRttsAgo() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 1024 * KIB, 0);
    w.received(128 * KIB);
    w.consumed(128 * KIB);
    assertEquals(128 * KIB + 256 * KIB, w.takeUpdate(false, 19 * MS, 10 * MS, budget));
    assertEquals(512 * KIB, w.window());
    w.received(256 * KIB);
    w.consumed(256 * KIB);
    assertEquals(256 * KIB, w.takeUpdate(false, 40 * MS, 10 * MS, budget), "21 ms > 2 RTT: no growth");
    assertEquals(512 * KIB, w.window());
  }

  @Test
  void growthStopsAtTheStreamAndSessionCeilings() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 384 * KIB, 0);
    w.received(128 * KIB);
    w.consumed(128 * KIB);
    w.takeUpdate(false, 1, 10 * MS, budget);
    assertEquals(384 * KIB, w.window());
    budget.allowance = 0;
    ReceiveWindow capped = new ReceiveWindow(256 * KIB, 1024 * KIB, 0);
    capped.received(128 * KIB);
    capped.consumed(128 * KIB);
    capped.takeUpdate(false, 1, 10 * MS, budget);
    assertEquals(256 * KIB, capped.window());
  }

  @Test
  void noRttNoGrowthAndLargerInitialWindowsAreAnnouncedWhenForced() {
    ReceiveWindow w = new ReceiveWindow(1024 * KIB, 4096 * KIB, 0);
    assertEquals(768 * KIB, w.takeUpdate(true, 0, -1, budget), "the SYN carries the excess");
    w.received(1024 * KIB);
    w.consumed(1024 * KIB);
    assertEquals(1024 * KIB, w.takeUpdate(false, 1, -1, budget));
    assertEquals(1024 * KIB, w.window());
  }

  @Test
  void overrunAndOverConsumptionAreRejected() {
    ReceiveWindow w = new ReceiveWindow(256 * KIB, 256 * KIB, 0);
    assertThrows(YamuxProtocolException.class, () -> w.received(256 * KIB + 1));
    assertThrows(IllegalArgumentException.class, () -> w.consumed(1));
  }
}
