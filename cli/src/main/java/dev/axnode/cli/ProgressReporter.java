package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Draws a long request's progress on the terminal while the command waits for its answer:
 * every half second it asks the node ({@code GET /swarm/progress?runId=…}, the secure API's
 * {@code swarm.progress}) how far the run named by {@link #runId} has got, and redraws one
 * line on stderr in place. Only when stderr is a terminal and the output is not JSON: a pipe
 * or a log file gets the result alone. Progress is best effort: a failed poll draws nothing.
 */
final class ProgressReporter implements AutoCloseable {

  static final long INTERVAL_MILLIS = 500;

  private final NodeClient client;
  private final PrintWriter err;
  private final String runId = UUID.randomUUID().toString();
  private final ProgressLine line = new ProgressLine();
  private final Object lock = new Object();
  private Thread thread;
  private boolean closed;
  private int drawnWidth;

  ProgressReporter(NodeClient client, PrintWriter err) {
    this.client = client;
    this.err = err;
  }

  /** The id the perf or setups request must carry so that the node reports on it. */
  String runId() {
    return runId;
  }

  /** Starts polling on a daemon thread: the command's own thread is waiting for the answer. */
  void start() {
    thread = new Thread(this::poll, "ax-progress");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    while (waitInterval()) {
      try {
        JsonObject envelope = NodeClient.await(client.send(NodeRequest.get("/swarm/progress")
            .withQuery("runId", runId)), NodeRequest.DEFAULT_TIMEOUT_MILLIS);
        Object result = envelope.getValue("result");
        draw(line.render(result instanceof JsonObject figures ? figures : null));
      } catch (CommandException e) {
        // The answer to the request itself reports what went wrong; progress just pauses.
      }
    }
  }

  private boolean waitInterval() {
    synchronized (lock) {
      long deadline = System.currentTimeMillis() + INTERVAL_MILLIS;
      long left;
      while (!closed && (left = deadline - System.currentTimeMillis()) > 0) {
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return !closed;
    }
  }

  private void draw(String text) {
    synchronized (lock) {
      if (closed || text == null) {
        return;
      }
      // \r returns to the start of the line; pad to cover a longer previous line.
      String padding = " ".repeat(Math.max(0, drawnWidth - text.length()));
      err.print("\r" + text + padding);
      err.flush();
      drawnWidth = text.length();
    }
  }

  /** Stops polling and clears the line, so the result prints on a clean line. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
      if (drawnWidth > 0) {
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.flush();
        drawnWidth = 0;
      }
    }
  }

  /**
   * Whether standard error is a terminal. On Linux {@code /proc/self/fd/2} names the device;
   * elsewhere {@link System#console()} (stdin and stdout on a terminal) stands in for it.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }
}
