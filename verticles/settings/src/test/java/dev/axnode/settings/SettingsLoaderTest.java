package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsLoaderTest {

  private final SettingsModel model = SettingsModel.bundled();

  @TempDir
  Path dir;

  private SettingsFile file() {
    return SettingsFile.in(dir);
  }

  private JsonObject load() {
    return SettingsLoader.load(file(), model, new SecureRandom());
  }

  private static String swarmKey(JsonObject stored) {
    return (String) SettingsTree.find(stored, SettingsLoader.SWARM_KEY).orElseThrow();
  }

  @Test
  void firstStartGeneratesAndPersistsASwarmKey() {
    JsonObject stored = load();
    String key = swarmKey(stored);
    SwarmKey.parse(key);
    assertEquals(stored, file().read().orElseThrow());
    assertEquals(1, stored.getJsonObject("com.actyx.os").getJsonObject("general").size());
  }

  @Test
  void laterStartsKeepTheSwarmKey() {
    String first = swarmKey(load());
    assertEquals(first, swarmKey(load()));
  }

  @Test
  void everyNodeGetsItsOwnSwarmKey() throws IOException {
    String first = swarmKey(load());
    Files.delete(file().path());
    assertNotEquals(first, swarmKey(load()));
  }

  @Test
  void existingSettingsAreKeptWhenTheKeyIsAdded() throws IOException {
    Files.writeString(file().path(), "{\"com.actyx.os\": {\"general\": {\"displayName\": \"Kept\"}}}");
    JsonObject stored = load();
    assertEquals("Kept", stored.getJsonObject("com.actyx.os").getJsonObject("general").getString("displayName"));
    swarmKey(stored);
  }

  @Test
  void aFileWithAKeyIsNotRewritten() throws IOException {
    String key = SwarmKey.generate(new SecureRandom()).toSettingValue();
    String text = "{\"com.actyx.os\": {\"general\": {\"swarmKey\": \"" + key + "\"}}}";
    Files.writeString(file().path(), text);
    assertEquals(key, swarmKey(load()));
    assertEquals(text, Files.readString(file().path()));
  }

  @Test
  void unparseableFileFailsAndStaysUntouched() throws IOException {
    byte[] garbage = "{\"com.actyx.os\": {".getBytes(StandardCharsets.UTF_8);
    Files.write(file().path(), garbage);
    AxException e = assertThrows(AxException.class, this::load);
    assertEquals(ErrorCode.SETTINGS_INVALID, e.code());
    assertTrue(e.getMessage().contains(file().path().toString()), e.getMessage());
    assertArrayEquals(garbage, Files.readAllBytes(file().path()));
  }

  @Test
  void invalidFileFailsAndStaysUntouched() throws IOException {
    String text = "{\"com.actyx.os\": {\"general\": {\"displayName\": 42}}}";
    Files.writeString(file().path(), text);
    AxException e = assertThrows(AxException.class, this::load);
    assertEquals("Settings file " + file().path() + " is invalid: Validation failed at /general/displayName: "
        + "expected string, got integer; fix or remove it (it was left untouched)", e.getMessage());
    assertEquals(text, Files.readString(file().path()));
  }

  @Test
  void fileThatIsNotAnObjectFails() throws IOException {
    Files.writeString(file().path(), "[]");
    assertEquals(ErrorCode.SETTINGS_INVALID, assertThrows(AxException.class, this::load).code());
    Files.writeString(file().path(), "");
    assertEquals(ErrorCode.SETTINGS_INVALID, assertThrows(AxException.class, this::load).code());
  }
}
