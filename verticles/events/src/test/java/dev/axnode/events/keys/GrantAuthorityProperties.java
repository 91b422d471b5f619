package dev.axnode.events.keys;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link GrantAuthority} is a function of the set of grants: every arrival order gives the same
 * creator, epochs, holders and rivals. The world: A creates and grants B and C; X forges an
 * epoch 1 and an epoch 2; A and C rotate concurrently (A first by lamport); B re-grants the
 * winner to D, and D to E before anyone has seen that D holds it.
 */
class GrantAuthorityProperties {

  private static final String KEY1 = "11".repeat(16);
  private static final String KEY2A = "2a".repeat(16);
  private static final String KEY2C = "2c".repeat(16);
  private static final String FORGED = "ff".repeat(16);

  private static final List<Grant> WORLD = List.of(
      grant("A", 1, 1, "A", KEY1), grant("A", 2, 1, "B", KEY1), grant("A", 3, 1, "C", KEY1),
      grant("X", 4, 1, "B", FORGED), grant("X", 5, 2, "B", FORGED),
      grant("A", 6, 2, "A", KEY2A), grant("A", 6, 2, "B", KEY2A), grant("A", 6, 2, "C", KEY2A),
      grant("C", 6, 2, "C", KEY2C), grant("C", 6, 2, "A", KEY2C), grant("C", 6, 2, "B", KEY2C),
      grant("D", 9, 2, "E", KEY2A), grant("B", 8, 2, "D", KEY2A));

  @Example
  void theWorldResolvesAsTheRuleSays() {
    GrantAuthority authority = recordAll(WORLD);
    assertEquals("A", authority.creator());
    assertEquals(Set.of(1, 2), authority.epochs().keySet());
    assertEquals(KEY1, authority.epochs().get(1).keyId());
    assertEquals(Set.of("A", "B", "C"), authority.epochs().get(1).holders());
    assertEquals(KEY2A, authority.epochs().get(2).keyId(), "A and C rotated at lamport 6: A sorts first");
    assertEquals(Set.of("A", "B", "C", "D", "E"), authority.epochs().get(2).holders(), "D's grant counts through B's");
    assertEquals(Set.of("X:1", "C:2"), Set.copyOf(authority.rivals().stream()
        .map(g -> g.source() + ":" + g.keyEpoch()).toList()), "X's epoch 1 and C's epoch 2 lose; X's epoch 2 just waits");
  }

  @Property(tries = 200)
  void everyArrivalOrderGivesTheSameAuthority(@ForAll("arrivals") List<Grant> arrival) {
    GrantAuthority expected = recordAll(WORLD);
    GrantAuthority actual = recordAll(arrival);
    assertEquals(expected.creator(), actual.creator());
    assertEquals(expected.epochs(), actual.epochs());
    assertEquals(Set.copyOf(expected.rivals()), Set.copyOf(actual.rivals()));
  }

  @Provide
  Arbitrary<List<Grant>> arrivals() {
    return Arbitraries.shuffle(WORLD);
  }

  private static GrantAuthority recordAll(List<Grant> grants) {
    GrantBook book = new GrantBook();
    for (Grant grant : grants) {
      book.record(grant);
      book.authority("machine");
    }
    return book.authority("machine");
  }

  private static long offset;

  private static Grant grant(String source, long lamport, int epoch, String recipient, String keyId) {
    return new Grant(source, lamport, offset++, "machine", epoch, recipient, keyId, "sealed");
  }
}
