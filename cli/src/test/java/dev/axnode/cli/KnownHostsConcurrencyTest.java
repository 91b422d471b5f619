package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.kernel.keys.NodeId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent {@code ax} runs recording different hosts at once: every entry survives,
 * whether the writers are threads of one process or separate processes.
 */
class KnownHostsConcurrencyTest {

  static final int WRITERS = 4;
  static final int HOSTS_EACH = 10;
  static final String READY = "ready";

  @TempDir
  Path dir;

  /**
   * Run as a separate JVM ({@code FILE WRITER GO_LOCK}): says "ready", waits until the test
   * releases its lock on GO_LOCK, so that all writers start together, then records hosts
   * {@code /ip4/10.WRITER.0.i/tcp/4458} for i below {@code HOSTS_EACH}.
   */
  public static void main(String[] args) throws IOException {
    System.out.println(READY);
    System.out.flush();
    try (FileChannel go = FileChannel.open(Path.of(args[2]), StandardOpenOption.READ);
         FileLock shared = go.lock(0, Long.MAX_VALUE, true)) {
      shared.release();
    }
    record(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  static void record(Path file, int writer) {
    for (int i = 0; i < HOSTS_EACH; i++) {
      String host = host(writer, i);
      NodeId id = TestKeys.nodeId(writer * HOSTS_EACH + i + 1);
      KnownHosts.update(file, known -> known.with(host, id));
    }
  }

  static String host(int writer, int i) {
    return "/ip4/10." + writer + ".0." + i + "/tcp/4458";
  }

  @Test
  void threadsAddingDifferentHostsLoseNothing() throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.writeString(file, "# mine  \n");
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        done.add(pool.submit(() -> {
          start.await();
          record(file, writer);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertAllRecorded(file);
  }

  @Test
  void processesAddingDifferentHostsLoseNothing() throws Exception {
    Path file = dir.resolve("known_hosts");
    Files.writeString(file, "# mine  \n");
    Path goLock = Files.createFile(dir.resolve("go.lock"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    List<String> output = new ArrayList<>();
    try (FileChannel go = FileChannel.open(goLock, StandardOpenOption.WRITE);
         FileLock held = go.lock()) {
      for (int w = 0; w < WRITERS; w++) {
        processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "-XX:TieredStopAtLevel=1", KnownHostsConcurrencyTest.class.getName(),
            file.toString(), String.valueOf(w), goLock.toString()).redirectErrorStream(true).start());
      }
      for (Process p : processes) {
        output.add(untilReady(p));
      }
    }
    for (int w = 0; w < WRITERS; w++) {
      Process p = processes.get(w);
      String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      assertEquals(0, p.exitValue(), output.get(w) + rest);
    }
    assertAllRecorded(file);
  }

  /** What the writer printed up to its "ready" line (JVM warnings, an exception), read as it comes. */
  private static String untilReady(Process p) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = in.readLine(); line != null && !line.equals(READY); line = in.readLine()) {
      seen.append(line).append('\n');
    }
    return seen.toString();
  }

  private static void assertAllRecorded(Path file) {
    KnownHosts known = KnownHosts.load(file);
    for (int w = 0; w < WRITERS; w++) {
      for (int i = 0; i < HOSTS_EACH; i++) {
        NodeId id = TestKeys.nodeId(w * HOSTS_EACH + i + 1);
        assertEquals(HostStatus.OK, known.check(host(w, i), id), host(w, i));
      }
    }
    assertEquals(1 + WRITERS * HOSTS_EACH, known.render().lines().count(), known.render());
    assertEquals(true, known.render().startsWith("# mine  \n"), "the user's lines stay as written");
  }
}
