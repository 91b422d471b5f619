package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTreeTest {

  private static final JsonObject TREE = new JsonObject("{\"s\": {\"a\": {\"b\": 1, \"c\": \"x\"}, \"d\": [1]}}");

  @Test
  void findsValuesByPath() {
    assertEquals(Optional.of(1), SettingsTree.find(TREE, List.of("s", "a", "b")));
    assertEquals(Optional.of(TREE), SettingsTree.find(TREE, List.of()));
  }

  @Test
  void findsNothingMissingOrBelowAValue() {
    assertEquals(Optional.empty(), SettingsTree.find(TREE, List.of("s", "nope")));
    assertEquals(Optional.empty(), SettingsTree.find(TREE, List.of("s", "a", "c", "deeper")));
    assertEquals(Optional.empty(), SettingsTree.find(TREE, List.of("s", "d", "0")));
  }

  @Test
  void setReplacesTheValue() {
    JsonObject next = SettingsTree.set(TREE, List.of("s", "a"), "flat");
    assertEquals(new JsonObject("{\"s\": {\"a\": \"flat\", \"d\": [1]}}"), next);
  }

  @Test
  void setCreatesIntermediateObjects() {
    JsonObject next = SettingsTree.set(new JsonObject(), List.of("s", "x", "y"), true);
    assertEquals(new JsonObject("{\"s\": {\"x\": {\"y\": true}}}"), next);
  }

  @Test
  void setLeavesTheInputAsItWas() {
    JsonObject before = TREE.copy();
    SettingsTree.set(TREE, List.of("s", "a", "b"), 2);
    assertEquals(before, TREE);
  }

  @Test
  void setBelowAValueIsRefused() {
    AxException e = assertThrows(AxException.class, () -> SettingsTree.set(TREE, List.of("s", "a", "c", "z"), 1));
    assertEquals(ErrorCode.SETTINGS_INVALID, e.code());
    assertEquals("Cannot set s/a/c/z: s/a/c holds a string, not an object", e.getMessage());
  }

  @Test
  void unsetRemovesAndPrunesEmptiedObjects() {
    JsonObject tree = new JsonObject("{\"s\": {\"a\": {\"b\": {\"c\": 1}}, \"k\": 2}}");
    assertEquals(new JsonObject("{\"s\": {\"k\": 2}}"), SettingsTree.unset(tree, List.of("s", "a", "b", "c")));
  }

  @Test
  void unsetKeepsTheTopLevelScopeObject() {
    JsonObject tree = new JsonObject("{\"s\": {\"a\": 1}}");
    assertEquals(new JsonObject("{\"s\": {}}"), SettingsTree.unset(tree, List.of("s", "a")));
  }

  @Test
  void unsetOfWhatIsNotThereChangesNothing() {
    assertEquals(TREE, SettingsTree.unset(TREE, List.of("s", "missing", "deeper")));
    assertEquals(TREE, SettingsTree.unset(TREE, List.of("s", "a", "c", "below-a-string")));
  }

  @Test
  void unsetLeavesTheInputAsItWas() {
    JsonObject before = TREE.copy();
    SettingsTree.unset(TREE, List.of("s", "a", "b"));
    assertEquals(before, TREE);
  }
}
