package dev.axnode.psk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CipherBench's operations timed by this thread's CPU time instead of the wall clock:
 * on a shared, loaded machine JMH's ops/s mostly measures how often the scheduler lets
 * the benchmark run, while MB per CPU-second stays close to what one free core does.
 */
public final class CipherCpuTime {

  private static final int WARMUP_OPS = 3_000;
  private static final int OPS_PER_ROUND = 1_500;
  private static final int ROUNDS = 7;

  interface Op {
    Object run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    CipherBench bench = new CipherBench();
    bench.setUp();
    Map<String, Op> ops = new LinkedHashMap<>();
    ops.put("xsalsa20ByteArray", bench::xsalsa20ByteArray);
    ops.put("xsalsa20DirectByteBuf", bench::xsalsa20DirectByteBuf);
    ops.put("libsodiumXSalsa20HeapByteBuf", bench::libsodiumXSalsa20HeapByteBuf);
    ops.put("libsodiumXSalsa20DirectByteBuf", bench::libsodiumXSalsa20DirectByteBuf);
    ops.put("bouncyCastleXSalsa20", bench::bouncyCastleXSalsa20);
    ops.put("jdkChaCha20Poly1305", bench::jdkChaCha20Poly1305);
    ops.put("libsodiumChaCha20Poly1305", bench::libsodiumChaCha20Poly1305);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf("%-32s %s%n", "per CPU-second, 64 KiB ops", "median / best of " + ROUNDS + " rounds");
    for (Map.Entry<String, Op> op : ops.entrySet()) {
      for (int i = 0; i < WARMUP_OPS; i++) {
        op.getValue().run();
      }
      double[] mbPerCpuSecond = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < OPS_PER_ROUND; i++) {
          op.getValue().run();
        }
        long cpuNanos = threads.getCurrentThreadCpuTime() - start;
        mbPerCpuSecond[r] = (double) OPS_PER_ROUND * CipherBench.CHUNK / cpuNanos * 1e3;
      }
      Arrays.sort(mbPerCpuSecond);
      System.out.printf("%-32s %8.1f / %8.1f MB/s%n", op.getKey(), mbPerCpuSecond[ROUNDS / 2],
          mbPerCpuSecond[ROUNDS - 1]);
    }
    bench.tearDown();
  }
}
