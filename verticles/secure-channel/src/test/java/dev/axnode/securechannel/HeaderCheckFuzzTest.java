package dev.axnode.securechannel;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.securechannel.multistream.MultistreamMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Fuzzes the first-bytes check behind pnet: random and mutated openings, split anywhere, get
 * the answer the whole opening gets, never throw, and allocate nothing per byte.
 */
@AddLifecycleHook(Fuzz.class)
class HeaderCheckFuzzTest {

  /** Nothing per byte: it compares in place. Fixed: the test's read slices. */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(0, 4 * 1024);
  private static final byte[] HEADER = MultistreamMessage.HEADER.toBytes();

  @Property(tries = 2000)
  void randomOpenings(@ForAll @Size(max = 100) byte[] input,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 30) Integer> cuts) {
    check(input, cuts);
  }

  @Property(tries = 2000)
  void mutatedHeaders(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 30) Integer> cuts) {
    check(Fuzz.mutate(HEADER, kind, position, value), cuts);
  }

  private static void check(byte[] input, List<Integer> cuts) {
    boolean whole = new HeaderCheck().accepts(Unpooled.wrappedBuffer(input));
    boolean prefix = input.length <= HEADER.length
        ? java.util.Arrays.equals(input, 0, input.length, HEADER, 0, input.length)
        : java.util.Arrays.equals(input, 0, HEADER.length, HEADER, 0, HEADER.length);
    assertEquals(prefix, whole, "accepts exactly the header's prefixes and what starts with the header");
    ByteBuf wire = Unpooled.wrappedBuffer(input);
    Fuzz.decode(input, BUDGET, NoException.class, () -> {
      HeaderCheck check = new HeaderCheck();
      boolean split = true;
      for (int i = 0; wire.isReadable() && split; i++) {
        int size = cuts.isEmpty() ? wire.readableBytes() : cuts.get(i % cuts.size());
        ByteBuf read = wire.readSlice(Math.min(size, wire.readableBytes()));
        split = check.accepts(read);
      }
      wire.readerIndex(0);
      assertEquals(whole, split);
    });
  }

  /** Nothing may escape. */
  private static final class NoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}
