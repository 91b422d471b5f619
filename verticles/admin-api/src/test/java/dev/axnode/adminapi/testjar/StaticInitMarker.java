package dev.axnode.adminapi.testjar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a verticle: its static initialiser writes the file named by the system property
 * {@value #MARKER_PROPERTY}, as code in a hostile jar would run. An upload of it must be
 * refused without the initialiser ever running.
 */
public final class StaticInitMarker {

  public static final String MARKER_PROPERTY = "ax.test.staticInitMarker";

  static {
    String marker = System.getProperty(MARKER_PROPERTY);
    if (marker != null) {
      try {
        Files.writeString(Path.of(marker), "static initialiser ran");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
