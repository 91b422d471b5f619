package dev.axnode.events.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.axnode.testkit.Fuzz;
import io.vertx.core.buffer.Buffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The replication frame decoder against random bytes and mutations of valid frames: only its
 * own exception escapes, CPU and allocation stay bounded per input; and valid frames cut
 * anywhere decode the same. Tries follow {@code -Dax.fuzz.tries}.
 */
@AddLifecycleHook(Fuzz.class)
class ReplicationFrameFuzzTest {

  /**
   * Per input byte: the payload copy, a String per tag (shared within a block), the event and
   * list objects; a 32-byte source costs a node ID and its base58 text (about 1 KiB, hence the
   * 64 per byte). Fixed: the decoder, an exception with its stack trace.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(64, 64 * 1024);
  private static final byte[] VALID = Frames.wire(Frames.all());

  @BeforeContainer
  static void warmUp() {
    decodeAll(chunks(VALID, List.of()));
  }

  @Property(tries = 2000)
  void randomBytes(@ForAll @Size(max = 3000) byte[] input) {
    Fuzz.decode(input, input.length, BUDGET, ReplicationProtocolException.class,
        () -> chunks(input, List.of()), ReplicationFrameFuzzTest::decodeAll);
  }

  @Property(tries = 2000)
  void mutatedFrames(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @IntRange(min = 1, max = 400) int chunk) {
    byte[] input = Fuzz.mutate(VALID, kind, position, value);
    // the chunks are cut before the measurement: only the decoder's allocations count
    Fuzz.decode(input, input.length, BUDGET, ReplicationProtocolException.class,
        () -> chunks(input, List.of(chunk)), ReplicationFrameFuzzTest::decodeAll);
  }

  @Property(tries = 500)
  void anySplitDecodesTheSame(@ForAll @Size(max = 8) List<@IntRange(min = 1, max = 500) Integer> cuts) {
    List<ReplicationFrame> frames = decodeAll(chunks(VALID, cuts));
    assertArrayEquals(VALID, Frames.wire(frames));
  }

  /** {@code input} cut in chunks of the sizes in {@code cuts} (cycling; one chunk when empty). */
  private static List<Buffer> chunks(byte[] input, List<Integer> cuts) {
    List<Buffer> chunks = new ArrayList<>();
    int at = 0;
    for (int i = 0; at < input.length; i++) {
      int size = cuts.isEmpty() ? input.length : cuts.get(i % cuts.size());
      int end = Math.min(input.length, at + size);
      chunks.add(Buffer.buffer(Arrays.copyOfRange(input, at, end)));
      at = end;
    }
    return chunks;
  }

  private static List<ReplicationFrame> decodeAll(List<Buffer> chunks) {
    FrameDecoder decoder = new FrameDecoder();
    List<ReplicationFrame> frames = new ArrayList<>();
    for (Buffer chunk : chunks) {
      decoder.feed(chunk);
      for (ReplicationFrame f = decoder.next(); f != null; f = decoder.next()) {
        frames.add(f);
      }
    }
    return frames;
  }
}
