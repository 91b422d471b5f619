package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code <dataDir>/settings.json}: the stored settings tree, replaced atomically on every
 * write so a crash leaves the old or the new settings. Blocking: use from a worker thread.
 */
final class SettingsFile {

  static final String NAME = "settings.json";

  private final Path path;

  SettingsFile(Path path) {
    this.path = path.toAbsolutePath().normalize();
  }

  static SettingsFile in(Path dataDir) {
    return new SettingsFile(dataDir.resolve(NAME));
  }

  Path path() {
    return path;
  }

  /**
   * The tree in the file; empty when there is no file. A file that is not a JSON object
   * fails. Temporary files a crash left beside it are removed first.
   */
  Optional<JsonObject> read() {
    String text;
    try {
      AtomicFile.removeLeftovers(path);
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new AxException(ErrorCode.IO, "Could not read settings file " + path + ": " + e.getMessage());
    }
    Object tree;
    try {
      tree = Json.decodeValue(text);
    } catch (DecodeException e) {
      tree = null;
    }
    if (!(tree instanceof JsonObject object)) {
      throw new AxException(ErrorCode.SETTINGS_INVALID, "Settings file " + path
          + " is not a JSON object; fix or remove it (it was left untouched)");
    }
    return Optional.of(object);
  }

  /** Replaces the file with {@code tree}, readable by the node's user only. */
  void write(JsonObject tree) {
    try {
      AtomicFile.write(path, (tree.encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AxException(ErrorCode.IO, "Could not write settings file " + path + ": " + e.getMessage());
    }
  }
}
