package dev.axnode.deploy;

import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A js-libp2p peer from npm ({@code deploy/js-peer/peer.js}) as a process, reporting what it
 * does as JSON lines: {"event":"listening"|"identify"|"ping"|"perf"|"done"|"error", …}.
 */
public final class JsPeer implements AutoCloseable {

  private final Process process;
  private final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private final List<String> output = new ArrayList<>();

  private JsPeer(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "js-peer-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  public static JsPeer run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", "peer.js"));
    command.addAll(List.of(args));
    Path dir = Path.of(System.getProperty("ax.js.peer.dir"));
    return new JsPeer(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start());
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (output) {
          output.add(line);
        }
        if (line.startsWith("{")) {
          try {
            events.add(new JsonObject(line));
          } catch (RuntimeException e) {
            // not one of our events: kept in the output for the failure message
          }
        }
      }
    } catch (IOException e) {
      // process gone
    }
    events.add(new JsonObject().put("event", "exited"));
  }

  /** The next event named {@code name}, skipping others; fails on "error"/"exited" or after the limit. */
  public JsonObject await(String name, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      JsonObject event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("js peer: no '" + name + "' within " + seconds + " s\n" + output());
      }
      String type = event.getString("event");
      if (type.equals(name)) {
        return event;
      }
      if (type.equals("error") || type.equals("exited")) {
        throw new AssertionError("js peer " + type + " while waiting for '" + name + "': " + event.encode() + "\n" + output());
      }
    }
  }

  /** Waits for the end of a dial: the "done" or "error" event. */
  public JsonObject outcome(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      JsonObject event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("js peer did not finish within " + seconds + " s\n" + output());
      }
      String type = event.getString("event");
      if (type.equals("done") || type.equals("error") || type.equals("exited")) {
        return event;
      }
    }
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
