package dev.axnode.cli;

import dev.axnode.kernel.admin.AdminCall;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Draws a long request's progress on the terminal while the command waits for its answer:
 * every half second it asks the node ({@link AdminOperation#SWARM_PROGRESS}) how far the run named by {@link #runId} has got, and redraws one
 * line on stderr in place. Only when stderr is a terminal and the output is not JSON: a pipe
 * or a log file gets the result alone. Progress is best effort: a failed poll draws nothing.
 */
final class ProgressReporter implements AutoCloseable {

  static final long INTERVAL_MILLIS = 500;

  private final AxClient client;
  private final String node;
  private final boolean acceptNewHost;
  private final PrintWriter err;
  private final String runId = UUID.randomUUID().toString();
  private final ProgressLine line = new ProgressLine();
  private final Object lock = new Object();
  private Thread thread;
  private boolean closed;
  private int drawnWidth;

  /** Polls {@code node} (as {@code --local} names it) through {@code client}. */
  ProgressReporter(AxClient client, String node, boolean acceptNewHost, PrintWriter err) {
    this.client = client;
    this.node = node;
    this.acceptNewHost = acceptNewHost;
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
      JsonObject figures = figures();
      if (figures != null) {
        draw(line.render(figures));
      }
    }
  }

  /** The run's figures so far, or null when the node has none or the poll failed. */
  private JsonObject figures() {
    ClientRequest request = new ClientRequest(new AdminCall(AdminOperation.SWARM_PROGRESS,
        new JsonObject().put("runId", runId)), node, ClientRequest.DEFAULT_TIMEOUT_MILLIS, acceptNewHost, null, false);
    try {
      JsonObject envelope = client.send(request).toCompletionStage().toCompletableFuture()
          .get(ClientRequest.DEFAULT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      // The answer to the request itself reports what went wrong; progress just pauses.
      return envelope.getValue("result") instanceof JsonObject figures ? figures : null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
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
