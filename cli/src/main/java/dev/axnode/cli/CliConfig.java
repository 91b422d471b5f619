package dev.axnode.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI keeps its own files ({@code keys}, {@code known_hosts}):
 * {@code $XDG_CONFIG_HOME/actyxos}, else {@code ~/.config/actyxos}.
 */
final class CliConfig {

  static final String DIRECTORY_NAME = "actyxos";

  private final Path directory;

  private CliConfig(Path directory) {
    this.directory = directory;
  }

  /** The configuration of this process, from its environment and {@code user.home}. */
  static CliConfig fromEnvironment() {
    return resolve(System.getenv(), System.getProperty("user.home"));
  }

  /** The configuration kept in {@code directory} itself. */
  static CliConfig of(Path directory) {
    return new CliConfig(directory);
  }

  /** Resolves the directory from an environment and a home directory. */
  static CliConfig resolve(Map<String, String> env, String userHome) {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(userHome, ".config");
    return new CliConfig(base.resolve(DIRECTORY_NAME));
  }

  Path directory() {
    return directory;
  }

  /** The client's key pairs. */
  Path keysFile() {
    return directory.resolve("keys");
  }

  /** Node address to node ID, learned on first use. */
  Path knownHostsFile() {
    return directory.resolve("known_hosts");
  }
}
