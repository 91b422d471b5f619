package dev.axnode.kernel.boot;

import dev.axnode.kernel.io.AtomicFile;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code ax-node authorize-key --data-dir DIR KEY}: the offline way back in for a locked-out
 * administrator. Adds a client key to {@code com.actyx.os/general/authorizedKeys} in
 * {@code DIR/settings.json}, written atomically. Run it while the node is stopped: a running
 * node does not read the file again and would overwrite it with its next change.
 */
@Command(name = "authorize-key", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Adds a client key to com.actyx.os/general/authorizedKeys in DIR/settings.json "
        + "(run it while the node is stopped).")
final class AuthorizeKeyCommand implements Callable<Integer> {

  static final String SETTINGS_FILE = "settings.json";
  static final int KEY_TEXT_LENGTH = 45;
  private static final int KEY_BYTES = 32;

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
  Path dataDir;

  @Parameters(paramLabel = "KEY", description = "The client's public key: 0 and the base64 of its 32 bytes (45 characters).")
  String key;

  @Override
  public Integer call() {
    Path file = dataDir.resolve(SETTINGS_FILE);
    try {
      checkKey(key);
      if (!Files.isDirectory(dataDir)) {
        throw new IllegalArgumentException("No such data directory: " + dataDir);
      }
      JsonObject tree = read(file);
      if (add(tree, key)) {
        AtomicFile.write(file, (tree.encodePrettily() + "\n").getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("Added " + key + " to authorizedKeys in " + file);
      } else {
        spec.commandLine().getOut().println(key + " is already in authorizedKeys in " + file);
      }
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }

  /** Accepts exactly the CLI's text form of an Ed25519 public key. */
  static void checkKey(String key) {
    String expected = " (expected 0 and the base64 of a 32-byte Ed25519 public key, " + KEY_TEXT_LENGTH + " characters)";
    if (key == null || key.length() != KEY_TEXT_LENGTH || key.charAt(0) != '0') {
      throw new IllegalArgumentException("Not a client key: '" + key + "'" + expected);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.substring(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Not a client key: '" + key + "'" + expected, e);
    }
    if (bytes.length != KEY_BYTES || !Base64.getEncoder().encodeToString(bytes).equals(key.substring(1))) {
      throw new IllegalArgumentException("Not a client key: '" + key + "'" + expected);
    }
  }

  private static JsonObject read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new JsonObject();
    } catch (IOException e) {
      throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    Object tree;
    try {
      tree = Json.decodeValue(text);
    } catch (DecodeException e) {
      tree = null;
    }
    if (!(tree instanceof JsonObject object)) {
      throw new IllegalArgumentException(file + " is not a JSON object; fix or remove it (it was left untouched)");
    }
    return object;
  }

  /** Adds {@code key} under com.actyx.os/general/authorizedKeys; false if it was there already. */
  private static boolean add(JsonObject tree, String key) {
    JsonObject os = object(tree, "com.actyx.os", "com.actyx.os");
    JsonObject general = object(os, "general", "com.actyx.os/general");
    Object keys = general.getValue("authorizedKeys");
    if (keys != null && !(keys instanceof JsonArray)) {
      throw new IllegalArgumentException("com.actyx.os/general/authorizedKeys is not an array in the settings file");
    }
    JsonArray list = keys == null ? new JsonArray() : (JsonArray) keys;
    if (list.contains(key)) {
      return false;
    }
    general.put("authorizedKeys", list.add(key));
    return true;
  }

  private static JsonObject object(JsonObject parent, String name, String path) {
    Object value = parent.getValue(name);
    if (value == null) {
      JsonObject created = new JsonObject();
      parent.put(name, created);
      return created;
    }
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException(path + " is not an object in the settings file");
    }
    return object;
  }
}
