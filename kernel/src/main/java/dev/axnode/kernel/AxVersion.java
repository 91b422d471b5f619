package dev.axnode.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product version, filled in by the build. */
public final class AxVersion {

  private static final String VERSION = load();

  private AxVersion() {
  }

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AxVersion.class.getResourceAsStream("/ax-node-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
