package dev.axnode.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One run of {@code ax} with captured output: the way tests call the CLI. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return withStdin("", args);
  }

  static CliRun withStdin(String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    return run(new Ax(in), args);
  }

  /** A run with its own configuration directory ({@code <home>/actyxos}) and terminal. */
  static CliRun inHome(Path xdgConfigHome, HostPrompt prompt, String... args) {
    CliConfig config = CliConfig.resolve(Map.of("XDG_CONFIG_HOME", xdgConfigHome.toString()), "/nonexistent");
    return run(new Ax(new ByteArrayInputStream(new byte[0]), config, prompt), args);
  }

  private static CliRun run(Ax ax, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ax.run(args, ax, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}
