package dev.axnode.securechannel.protocols;

import dev.axnode.testkit.Fuzz;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the admin API's frame decoder with random bytes, mutated frames (lengths at their
 * extremes included), hostile JSON and any split of the reads: only an
 * {@link AdminFrameException} comes out, CPU and allocation are bounded per input, and a
 * declared length is never allocated ahead of the bytes that arrive.
 */
@AddLifecycleHook(Fuzz.class)
class AdminFrameFuzzTest {

  /**
   * Per byte: the body buffer (grown by doubling, only with arrived bytes: 4 bytes per byte)
   * and the JSON tree. The densest trees, measured: nested arrays, each 1-byte {@code [}
   * becoming a parser context, a JsonArray and its list, about 130 bytes, and empty arrays,
   * {@code [],} about 75 bytes per byte. Fixed: the first 4 KiB body chunk, Jackson's parser,
   * one exception.
   */
  private static final Fuzz.Budget BUDGET = new Fuzz.Budget(192, 64 * 1024);
  private static final byte[] VALID = frames(
      new JsonObject().put("id", 1).put("request", "settings/get").put("scope", "com.actyx.os"),
      new JsonObject().put("id", 2).put("value", new JsonObject().put("a", new JsonArray().add(1).add("é"))));

  @BeforeContainer
  static void warmUp() {
    decodeAll(VALID, List.of());
    try {
      decodeAll(new byte[] {0, 0, 0, 1, 'x'}, List.of());
    } catch (AdminFrameException expected) {
      // the refusal path is warmed up too
    }
  }

  @Property(tries = 1000)
  void randomBytes(@ForAll @Size(max = 4000) byte[] input,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> cuts) {
    Fuzz.decode(input, BUDGET, AdminFrameException.class, () -> decodeAll(input, cuts));
  }

  @Property(tries = 2000)
  void mutatedFrames(@ForAll int kind, @ForAll int position, @ForAll byte value,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 100) Integer> cuts) {
    byte[] input = Fuzz.mutate(VALID, kind, position, value);
    Fuzz.decode(input, BUDGET, AdminFrameException.class, () -> decodeAll(input, cuts));
  }

  @Property(tries = 500)
  void hostileJson(@ForAll @IntRange(min = 0, max = 5) int shape, @ForAll @IntRange(min = 1, max = 200_000) int size,
      @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 5000) Integer> cuts) {
    byte[] input = frame(hostile(shape, size));
    Fuzz.decode(input, BUDGET, AdminFrameException.class, () -> decodeAll(input, cuts));
  }

  @Property(tries = 500)
  void anySplitGivesTheSameMessages(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 50) Integer> cuts) {
    assertEquals(decodeAll(VALID, List.of()), decodeAll(VALID, cuts));
  }

  @Example
  void extremeLengthsAreRefusedBeforeAnyBody() {
    for (long declared : new long[] {0x7fffffffL, 0x80000000L, 0xffffffffL, AdminFrameCodec.MAX_JSON_BYTES + 1L}) {
      byte[] input = {(byte) (declared >>> 24), (byte) (declared >>> 16), (byte) (declared >>> 8), (byte) declared, '{'};
      Fuzz.decode(input, new Fuzz.Budget(0, 16 * 1024), AdminFrameException.class, () -> decodeAll(input, List.of()));
    }
  }

  @Example
  void aMaximalDeclaredLengthWithFewBytesHoldsFew() {
    byte[] input = {0, 0x10, 0, 0, '{', '"', 'a'};
    Fuzz.decode(input, new Fuzz.Budget(0, 16 * 1024), AdminFrameException.class, () -> decodeAll(input, List.of()));
  }

  /** JSON bodies a hostile client might send: deep nesting, long numbers and strings, bad UTF-8. */
  private static byte[] hostile(int shape, int size) {
    StringBuilder json = new StringBuilder();
    switch (shape) {
      case 0 -> json.append("{\"a\":").append("[".repeat(size)).append("]".repeat(size)).append('}');
      case 1 -> json.append("{\"a\":").append("9".repeat(size)).append('}');
      case 2 -> json.append("{\"a\":1e").append("9".repeat(Math.min(size, 20))).append('}');
      case 3 -> json.append("{\"a\":[").append("[],".repeat(size)).append("[]]}");
      case 4 -> json.append("{\"").append("k".repeat(size)).append("\":0}");
      default -> {
        byte[] bad = ("{\"a\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
        bad[6 + size / 2] = (byte) 0xc3;
        return bad;
      }
    }
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] frame(byte[] body) {
    ByteBuf out = Unpooled.buffer(4 + body.length).writeInt(body.length).writeBytes(body);
    return ByteBufUtil.getBytes(out);
  }

  private static byte[] frames(JsonObject... messages) {
    ByteBuf out = Unpooled.buffer();
    for (JsonObject message : messages) {
      out.writeBytes(AdminFrameCodec.encode(message, UnpooledByteBufAllocator.DEFAULT));
    }
    return ByteBufUtil.getBytes(out);
  }

  private static List<JsonObject> decodeAll(byte[] input, List<Integer> cuts) {
    AdminFrameCodec codec = new AdminFrameCodec();
    List<JsonObject> messages = new ArrayList<>();
    ByteBuf in = Unpooled.wrappedBuffer(input);
    for (int i = 0; in.isReadable(); i++) {
      int size = cuts.isEmpty() ? in.readableBytes() : cuts.get(i % cuts.size());
      codec.decode(in.readSlice(Math.min(size, in.readableBytes())), messages::add);
    }
    codec.streamEnded();
    return messages;
  }
}
