package dev.axnode.deploy.evil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a hostile page uploads: not a verticle, but a class whose static initialiser writes
 * the file named by the node's system property {@value #MARKER_PROPERTY}. If that file
 * exists, code from the upload ran inside the node.
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
