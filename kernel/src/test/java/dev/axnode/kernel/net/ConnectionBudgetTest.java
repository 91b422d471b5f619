package dev.axnode.kernel.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionBudgetTest {

  private static final String A = "10.0.0.1";
  private static final String B = "10.0.0.2";

  @Test
  void aNewcomerEvictsTheOldestPendingConnectionOfItsIp() {
    ConnectionBudget<String> budget = new ConnectionBudget<>(new ConnectionBudget.Limits(100, 100, 100, 2));
    admitted(budget.admit("a1", A));
    admitted(budget.admit("a2", A));
    assertEquals(List.of("a1"), admitted(budget.admit("a3", A)).evict());
    assertEquals(2, budget.pending());
    assertEquals(2, budget.connectionsFrom(A));
  }

  @Test
  void theGlobalPendingLimitEvictsFromTheBusiestIp() {
    ConnectionBudget<String> budget = new ConnectionBudget<>(new ConnectionBudget.Limits(100, 100, 3, 3));
    admitted(budget.admit("a1", A));
    admitted(budget.admit("b1", B));
    admitted(budget.admit("a2", A));
    assertEquals(List.of("a1"), admitted(budget.admit("b2", B)).evict());
  }

  @Test
  void securedConnectionsAreNeverEvictedAndTheLimitsRefuse() {
    ConnectionBudget<String> budget = new ConnectionBudget<>(new ConnectionBudget.Limits(3, 2, 10, 10));
    admitted(budget.admit("a1", A));
    admitted(budget.admit("a2", A));
    budget.secured("a1");
    budget.secured("a2");
    ConnectionBudget.Admission<String> perIp = budget.admit("a3", A);
    assertTrue(((ConnectionBudget.Refused<String>) assertInstanceOf(ConnectionBudget.Refused.class, perIp))
        .reason().contains("from " + A));
    admitted(budget.admit("b1", B));
    budget.secured("b1");
    assertInstanceOf(ConnectionBudget.Refused.class, budget.admit("b2", B));
    budget.closed("a1");
    assertTrue(admitted(budget.admit("b2", B)).evict().isEmpty());
  }

  @Test
  void aFullListenerEvictsAPendingConnectionRatherThanRefuse() {
    ConnectionBudget<String> budget = new ConnectionBudget<>(new ConnectionBudget.Limits(2, 10, 10, 10));
    admitted(budget.admit("a1", A));
    budget.secured("a1");
    admitted(budget.admit("a2", A));
    assertEquals(List.of("a2"), admitted(budget.admit("b1", B)).evict());
    assertEquals(2, budget.connections());
  }

  @Test
  void closingTwiceOrClosingAStrangerChangesNothing() {
    ConnectionBudget<String> budget = new ConnectionBudget<>(new ConnectionBudget.Limits(5, 5, 5, 5));
    admitted(budget.admit("a1", A));
    budget.closed("a1");
    budget.closed("a1");
    budget.closed("nobody");
    assertEquals(0, budget.connections());
    assertEquals(0, budget.pending());
    assertEquals(0, budget.connectionsFrom(A));
  }

  @Test
  void loopbackIsOnlyTheLoopbackRange() {
    assertTrue(Loopback.isLoopback("127.0.0.1"));
    assertTrue(Loopback.isLoopback("127.3.2.1"));
    assertTrue(Loopback.isLoopback("::1"));
    assertTrue(Loopback.isLoopback("0:0:0:0:0:0:0:1"));
    assertTrue(Loopback.isLoopback("::ffff:127.0.0.1"));
    assertFalse(Loopback.isLoopback("10.0.0.1"));
    assertFalse(Loopback.isLoopback("::ffff:10.0.0.1"));
    assertFalse(Loopback.isLoopback("localhost"));
    assertFalse(Loopback.isLoopback(""));
    assertFalse(Loopback.isLoopback(null));
  }

  private static ConnectionBudget.Admitted<String> admitted(ConnectionBudget.Admission<String> admission) {
    return assertInstanceOf(ConnectionBudget.Admitted.class, admission);
  }
}
