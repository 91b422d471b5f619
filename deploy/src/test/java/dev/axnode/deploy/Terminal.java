package dev.axnode.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ax} in a real pseudo-terminal ({@code script(1)} allocates it), typing the
 * given answer, as a user at a shell would. Returns the screen text with CRLF turned into LF.
 */
final class Terminal {

  private Terminal() {
  }

  record Screen(int exitCode, String text) {
    List<String> lines() {
      return List.of(text.split("\n", -1));
    }
  }

  static Screen run(Path configHome, String typed, String... axArgs) throws Exception {
    List<String> ax = new ArrayList<>(List.of(TestJars.java(), "-XX:TieredStopAtLevel=1", "-jar",
        TestJars.cliJar().toString()));
    ax.addAll(List.of(axArgs));
    String command = "XDG_CONFIG_HOME='" + configHome + "' " + String.join(" ", ax.stream().map(Terminal::quote).toList());
    Process process = new ProcessBuilder("script", "-q", "-f", "-e", "-c", command, "/dev/null")
        .redirectErrorStream(true).start();
    StringBuffer screen = new StringBuffer();
    // Its own thread: a blocking read must not hold the common pool, whose one worker on a
    // 2-CPU machine is what Eventually's delayed executor needs (a hang seen on Java 25).
    CompletableFuture<Void> reading = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try {
        int n;
        while ((n = process.getInputStream().read(buffer)) > 0) {
          screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // the terminal closed
      }
      reading.complete(null);
    }, "terminal-reader");
    reader.setDaemon(true);
    reader.start();
    try (OutputStream keyboard = process.getOutputStream()) {
      if (typed != null) {
        // Type only once the question is on the screen, as a person would.
        Eventually.await("the prompt", java.time.Duration.ofSeconds(30),
            () -> screen.indexOf(PROMPT) >= 0 || !process.isAlive());
        keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("ax in a terminal did not finish: " + command + "\n" + screen);
      }
    }
    reading.join();
    return new Screen(process.exitValue(), screen.toString().replace("\r\n", "\n"));
  }

  static final String PROMPT = "Are you sure you want to continue connecting (yes/no)? ";

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
