package dev.axnode.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz harness of every module's {@code *FuzzTest} classes (a test-scope dependency of
 * each module that fuzzes a decoder).
 *
 * <ul>
 *   <li>Tries: {@code @Property(tries = N)} is the short CI run; {@code -Dax.fuzz.tries=N}
 *       overrides it for every property of a class annotated
 *       {@code @AddLifecycleHook(Fuzz.class)} (jqwik's annotation value is static, its
 *       attributes are not).</li>
 *   <li>Report: {@code -Dax.fuzz.report=FILE} appends {@code label tries status} per property,
 *       which {@code deploy/bench/fuzz.sh} sums up.</li>
 *   <li>Per input ({@link #decode}): the decoder runs on this thread; only its declared
 *       exception may escape; it uses at most {@link #CPU_LIMIT_NANOS} of CPU; and it
 *       allocates at most {@code perByte · input length + fixed} bytes, measured by the JVM's
 *       per-thread allocation counter.</li>
 * </ul>
 */
public final class Fuzz implements AroundPropertyHook {

  public static final String TRIES = "ax.fuzz.tries";
  public static final String REPORT = "ax.fuzz.report";
  /** CPU time (not wall time: the machine is shared) one input may take: a hang, not a slow run. */
  public static final long CPU_LIMIT_NANOS = 1_000_000_000L;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** A decoder run on one input; may throw anything, which {@link #decode} judges. */
  @FunctionalInterface
  public interface Decoder {
    void run() throws Throwable;
  }

  /** A decoder that needs state built beforehand, outside the measurement. */
  @FunctionalInterface
  public interface StatefulDecoder<S> {
    void run(S state) throws Throwable;
  }

  /** Builds the state a {@link StatefulDecoder} starts from. */
  @FunctionalInterface
  public interface Setup<S> {
    S make() throws Exception;
  }

  /**
   * An allocation bound {@code perByte · length + fixed}. The fixed part pays for an
   * exception's stack trace, a few small objects and buffers of a fixed initial size; the
   * per-byte part for copies of the input (buffer growth by doubling, a String and its bytes).
   */
  public record Budget(long perByte, long fixed) {
    public long limit(long inputLength) {
      return perByte * inputLength + fixed;
    }
  }

  /** Length fields at their extremes, as 4 big-endian bytes: 0, 2^31-1, 2^31, 2^32-1, 1 MiB + 1, 2^16-1, 2^16. */
  private static final int[] EXTREME_INTS = {0, 0x7fffffff, 0x80000000, 0xffffffff, 0x100001, 0xffff, 0x10000};
  /** Varints at their extremes: 2^31-1, 2^32-1, 2^32, 2^64-1, unterminated, non-minimal, too long. */
  private static final byte[][] EXTREME_VARINTS = {
      HexFormat.of().parseHex("ffffffff07"), HexFormat.of().parseHex("ffffffff0f"),
      HexFormat.of().parseHex("8080808010"), HexFormat.of().parseHex("ffffffffffffffffff01"),
      HexFormat.of().parseHex("ffffffffffffffffffff"), HexFormat.of().parseHex("8000"),
      HexFormat.of().parseHex("8180808080808080808080")};
  /** How many kinds {@link #mutate} knows. */
  public static final int MUTATION_KINDS = 7;

  /** Registered on a test class, the hook wraps each of its properties. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.DIRECT_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    String tries = System.getProperty(TRIES);
    boolean example = context.targetMethod().isAnnotationPresent(Example.class);
    if (tries != null && !tries.isBlank() && !example) {
      context.attributes().setTries(Integer.parseInt(tries.strip()));
    }
    PropertyExecutionResult result = property.execute();
    report(context.extendedLabel(), result);
    return result;
  }

  /**
   * Runs {@code decoder} on an input of {@code inputLength} bytes and fails (with the input
   * in hex) if anything but {@code allowed} or a test assertion escapes, or if it takes more
   * CPU or allocates more than allowed.
   */
  public static void decode(byte[] input, Budget budget, Class<? extends Throwable> allowed, Decoder decoder) {
    decode(input, input.length, budget, allowed, decoder);
  }

  /** As {@link #decode(byte[], Budget, Class, Decoder)}, for inputs that are not one byte array. */
  public static void decode(Object input, long inputLength, Budget budget, Class<? extends Throwable> allowed,
      Decoder decoder) {
    long[] cost = measure(input, allowed, decoder);
    if (cost[1] > budget.limit(inputLength)) {
      // The first run of a code path links call sites and loads classes: judge a second run,
      // which repeats any allocation the input itself causes.
      cost = measure(input, allowed, decoder);
    }
    judge(input, inputLength, budget, cost);
  }

  /**
   * As {@link #decode(Object, long, Budget, Class, Decoder)}, with state that {@code setup}
   * builds afresh for each run and whose cost is not measured (a completed handshake, say).
   */
  public static <S> void decode(Object input, long inputLength, Budget budget, Class<? extends Throwable> allowed,
      Setup<S> setup, StatefulDecoder<S> decoder) {
    long[] cost = measure(input, allowed, setup, decoder);
    if (cost[1] > budget.limit(inputLength)) {
      cost = measure(input, allowed, setup, decoder);
    }
    judge(input, inputLength, budget, cost);
  }

  private static <S> long[] measure(Object input, Class<? extends Throwable> allowed, Setup<S> setup,
      StatefulDecoder<S> decoder) {
    S state;
    try {
      state = setup.make();
    } catch (Exception e) {
      throw new AssertionError("setup failed", e);
    }
    return measure(input, allowed, () -> decoder.run(state));
  }

  private static void judge(Object input, long inputLength, Budget budget, long[] cost) {
    if (cost[0] > CPU_LIMIT_NANOS) {
      throw new AssertionError("took " + cost[0] / 1_000_000 + " ms of CPU on input " + describe(input));
    }
    if (cost[1] > budget.limit(inputLength)) {
      throw new AssertionError("allocated " + cost[1] + " bytes, budget " + budget.limit(inputLength)
          + " for " + inputLength + " input bytes, on input " + describe(input));
    }
  }

  /** CPU nanoseconds and bytes allocated by one run of {@code decoder}. */
  private static long[] measure(Object input, Class<? extends Throwable> allowed, Decoder decoder) {
    long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    try {
      decoder.run();
    } catch (AssertionError e) {
      throw e;
    } catch (Throwable e) {
      if (!allowed.isInstance(e)) {
        throw new AssertionError("escaped: " + e + " on input " + describe(input), e);
      }
    }
    return new long[] {THREADS.getCurrentThreadCpuTime() - cpuBefore,
        THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore};
  }

  /**
   * One mutation of valid wire bytes. {@code kind} (mod {@link #MUTATION_KINDS}): 0 flips bits
   * of a byte, 1 truncates, 2 inserts a byte, 3 deletes a byte, 4 overwrites 4 bytes with an
   * extreme length, 5 inserts an extreme varint, 6 repeats a slice (a message sent twice).
   */
  public static byte[] mutate(byte[] valid, int kind, int position, byte value) {
    if (valid.length == 0) {
      return new byte[] {value};
    }
    int at = Math.floorMod(position, valid.length);
    int pick = Math.floorMod(value, 64);
    return switch (Math.floorMod(kind, MUTATION_KINDS)) {
      case 0 -> {
        byte[] out = valid.clone();
        out[at] ^= value == 0 ? 1 : value;
        yield out;
      }
      case 1 -> Arrays.copyOf(valid, at);
      case 2 -> splice(valid, at, 0, new byte[] {value});
      case 3 -> splice(valid, at, 1, new byte[0]);
      case 4 -> {
        int extreme = EXTREME_INTS[pick % EXTREME_INTS.length];
        byte[] field = {(byte) (extreme >>> 24), (byte) (extreme >>> 16), (byte) (extreme >>> 8), (byte) extreme};
        yield splice(valid, at, Math.min(4, valid.length - at), field);
      }
      case 5 -> splice(valid, at, 0, EXTREME_VARINTS[pick % EXTREME_VARINTS.length]);
      default -> splice(valid, at, 0, Arrays.copyOfRange(valid, at, Math.min(valid.length, at + 1 + pick)));
    };
  }

  /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
  private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
    byte[] out = new byte[bytes.length - removed + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at + removed, out, at + inserted.length, bytes.length - at - removed);
    return out;
  }

  /** The input for a failure message: hex of at most 512 bytes, or the text. */
  public static String describe(Object input) {
    if (input instanceof byte[] bytes) {
      int shown = Math.min(bytes.length, 512);
      return bytes.length + " bytes " + HexFormat.of().formatHex(bytes, 0, shown) + (shown < bytes.length ? "…" : "");
    }
    String text = String.valueOf(input);
    return text.length() > 512 ? text.substring(0, 512) + "…" : text;
  }

  private static void report(String label, PropertyExecutionResult result) {
    String file = System.getProperty(REPORT);
    if (file == null || file.isBlank()) {
      return;
    }
    String line = label + "\t" + result.countTries() + "\t" + result.status() + System.lineSeparator();
    try {
      Files.writeString(Path.of(file), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the fuzz report " + file, e);
    }
  }
}
