package dev.axnode.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code ax} as a real process ({@code java -jar cli/target/ax.jar …}) with its own config directory. */
public final class AxCli {

  private final Path configHome;

  public AxCli(Path configHome) {
    this.configHome = configHome;
  }

  /** What one run printed and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  public Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(TestJars.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", TestJars.cliJar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
    Process process = builder.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process, false));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process, true));
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("ax " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(Process process, boolean stderr) {
    try {
      return (stderr ? process.getErrorStream() : process.getInputStream()).readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
