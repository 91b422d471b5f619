package dev.axnode.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The offset-map merge is a join: commutative, associative, idempotent, and covers both sides. */
class OffsetMapPropertiesTest {

  @Provide
  Arbitrary<OffsetMap> maps() {
    // few sources, so maps overlap often
    return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e"), Arbitraries.longs().between(0, 1_000))
        .ofMaxSize(5).map(OffsetMap::of);
  }

  @Property
  void mergeIsCommutative(@ForAll("maps") OffsetMap x, @ForAll("maps") OffsetMap y) {
    assertEquals(x.merge(y), y.merge(x));
  }

  @Property
  void mergeIsAssociative(@ForAll("maps") OffsetMap x, @ForAll("maps") OffsetMap y, @ForAll("maps") OffsetMap z) {
    assertEquals(x.merge(y).merge(z), x.merge(y.merge(z)));
  }

  @Property
  void mergeIsIdempotent(@ForAll("maps") OffsetMap x, @ForAll("maps") OffsetMap y) {
    assertEquals(x, x.merge(x));
    assertEquals(x.merge(y), x.merge(y).merge(y));
  }

  @Property
  void mergeCoversBothAndNoMore(@ForAll("maps") OffsetMap x, @ForAll("maps") OffsetMap y) {
    OffsetMap m = x.merge(y);
    assertTrue(m.covers(x) && m.covers(y));
    m.asMap().forEach((source, offset) -> assertEquals((long) offset, Math.max(x.get(source), y.get(source))));
  }

  @Property
  void withIsMergeOfOne(@ForAll("maps") OffsetMap x, @ForAll("maps") OffsetMap y) {
    OffsetMap stepwise = x;
    for (var e : y.asMap().entrySet()) {
      stepwise = stepwise.with(e.getKey(), e.getValue());
    }
    assertEquals(x.merge(y), stepwise);
    assertTrue(x.covers(OffsetMap.EMPTY));
  }
}
