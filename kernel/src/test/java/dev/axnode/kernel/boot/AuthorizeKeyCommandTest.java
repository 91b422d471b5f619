package dev.axnode.kernel.boot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ax-node authorize-key}: the offline way to add a client key to authorizedKeys. */
class AuthorizeKeyCommandTest {

  private static final String KEY = "0" + Base64.getEncoder().encodeToString(bytes(32, 1));
  private static final String OTHER_KEY = "0" + Base64.getEncoder().encodeToString(bytes(32, 2));

  @TempDir
  Path dataDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void createsTheSettingsFileWhenThereIsNone() throws Exception {
    assertEquals(0, run("authorize-key", "--data-dir", dataDir.toString(), KEY));
    Path file = dataDir.resolve("settings.json");
    assertEquals("Added " + KEY + " to authorizedKeys in " + file + System.lineSeparator(), out.toString());
    assertEquals(new JsonArray().add(KEY), authorizedKeys(file));
    assertEquals("", err.toString());
  }

  @Test
  void keepsEverythingElseAndAddsNoDuplicate() throws Exception {
    Path file = dataDir.resolve("settings.json");
    JsonObject tree = new JsonObject().put("com.actyx.os", new JsonObject().put("general", new JsonObject()
        .put("displayName", "Lab node").put("requireAuthentication", true)
        .put("authorizedKeys", new JsonArray().add(OTHER_KEY))));
    Files.writeString(file, tree.encodePrettily());
    assertEquals(0, run("authorize-key", "--data-dir", dataDir.toString(), KEY));
    assertEquals(0, run("authorize-key", "--data-dir", dataDir.toString(), KEY));
    JsonObject general = read(file).getJsonObject("com.actyx.os").getJsonObject("general");
    assertEquals(new JsonArray().add(OTHER_KEY).add(KEY), general.getJsonArray("authorizedKeys"));
    assertEquals("Lab node", general.getString("displayName"));
    assertEquals(true, general.getBoolean("requireAuthentication"));
  }

  @Test
  void refusesBadKeysAndLeavesTheFileAlone() throws Exception {
    Path file = dataDir.resolve("settings.json");
    String original = "{\"com.actyx.os\":{}}";
    Files.writeString(file, original);
    String[] bad = {"", "abc", KEY.substring(1) + "A", "1" + KEY.substring(1),
        "0" + Base64.getEncoder().encodeToString(bytes(31, 3)) + "AAAA", KEY.substring(0, 44) + "!",
        "0" + Base64.getEncoder().encodeToString(bytes(33, 4)).substring(0, 44)};
    for (String key : bad) {
      err.getBuffer().setLength(0);
      assertEquals(1, run("authorize-key", "--data-dir", dataDir.toString(), key), key);
      assertTrue(err.toString().startsWith("Error: Not a client key: '" + key + "'"), err.toString());
    }
    assertEquals(original, Files.readString(file));
    assertEquals("", out.toString());
  }

  @Test
  void refusesASettingsFileThatIsNotAnObject() throws Exception {
    Path file = dataDir.resolve("settings.json");
    for (String content : new String[] {"[1, 2]", "{not json", "{\"com.actyx.os\": {\"general\": 7}}",
        "{\"com.actyx.os\": {\"general\": {\"authorizedKeys\": \"x\"}}}"}) {
      Files.writeString(file, content);
      err.getBuffer().setLength(0);
      assertEquals(1, run("authorize-key", "--data-dir", dataDir.toString(), KEY), content);
      assertTrue(err.toString().startsWith("Error: "), err.toString());
      assertEquals(content, Files.readString(file));
    }
  }

  @Test
  void refusesAMissingDataDirectory() {
    Path missing = dataDir.resolve("nope");
    assertEquals(1, run("authorize-key", "--data-dir", missing.toString(), KEY));
    assertEquals("Error: No such data directory: " + missing + System.lineSeparator(), err.toString());
    assertTrue(Files.notExists(missing));
  }

  @Test
  void needsTheDataDirectoryAndTheKey() {
    assertEquals(2, run("authorize-key", KEY));
    assertEquals(2, run("authorize-key", "--data-dir", dataDir.toString()));
  }

  private int run(String... args) {
    return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
  }

  private static JsonArray authorizedKeys(Path file) throws Exception {
    return read(file).getJsonObject("com.actyx.os").getJsonObject("general").getJsonArray("authorizedKeys");
  }

  private static JsonObject read(Path file) throws Exception {
    return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(int n, int seed) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7);
    }
    return bytes;
  }
}
