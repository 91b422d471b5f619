package dev.axnode.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built jars and the running JVM are, as failsafe passes them in. */
public final class TestJars {

  private TestJars() {
  }

  static Path nodeJar() {
    return existing("ax.node.jar");
  }

  static Path cliJar() {
    return existing("ax.cli.jar");
  }

  /** The java binary running the tests, so node, CLI and tests share one JDK. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static Path existing(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set: run through mvn verify");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " does not exist: build with mvn package first");
    }
    return path;
  }
}
