package dev.axnode.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class DefaultsFillerTest {

  private static final JsonObject NESTED = new JsonObject("""
      {"type": "object", "default": {}, "properties": {
        "a": {"type": "string", "default": "A"},
        "b": {"type": "string"},
        "c": {"type": "object", "default": {}, "properties": {
          "d": {"type": "integer", "default": 4},
          "e": {"type": "object", "properties": {"f": {"default": true}}}
        }}
      }}""");

  private final DefaultsFiller bundled = new DefaultsFiller(SettingsModel.bundled().schema(Scope.parse("com.actyx.os")));

  @Test
  void absentValueTakesDefaultsAllTheWayDown() {
    assertEquals(new JsonObject("{\"a\": \"A\", \"c\": {\"d\": 4}}"), new DefaultsFiller(NESTED).fill(null));
  }

  @Test
  void objectWithoutDefaultIsNotCreated() {
    JsonObject filled = (JsonObject) new DefaultsFiller(NESTED).fill(new JsonObject());
    assertFalse(filled.getJsonObject("c").containsKey("e"));
  }

  @Test
  void objectWithoutDefaultIsFilledWhenPresent() {
    JsonObject filled = (JsonObject) new DefaultsFiller(NESTED).fill(new JsonObject("{\"c\": {\"e\": {}}}"));
    assertEquals(new JsonObject("{\"f\": true}"), filled.getJsonObject("c").getJsonObject("e"));
  }

  @Test
  void explicitValuesWin() {
    JsonObject filled = (JsonObject) new DefaultsFiller(NESTED).fill(new JsonObject("{\"a\": \"mine\", \"c\": {\"d\": 9}}"));
    assertEquals("mine", filled.getString("a"));
    assertEquals(9, filled.getJsonObject("c").getInteger("d"));
  }

  @Test
  void propertyWithoutDefaultStaysAbsent() {
    JsonObject filled = (JsonObject) new DefaultsFiller(NESTED).fill(new JsonObject());
    assertFalse(filled.containsKey("b"));
  }

  @Test
  void undeclaredPropertiesAreKeptAfterDeclaredOnes() {
    JsonObject filled = (JsonObject) new DefaultsFiller(NESTED).fill(new JsonObject("{\"z\": 1, \"b\": \"B\"}"));
    assertEquals(List.of("a", "b", "c", "z"), List.copyOf(filled.fieldNames()));
  }

  @Test
  void inputIsNotChanged() {
    JsonObject input = new JsonObject("{\"c\": {}}");
    new DefaultsFiller(NESTED).fill(input);
    assertEquals(new JsonObject("{\"c\": {}}"), input);
  }

  @Test
  void defaultsAreCopiesNotShared() {
    DefaultsFiller filler = new DefaultsFiller(NESTED);
    ((JsonObject) filler.fill(null)).getJsonObject("c").put("d", 5);
    assertEquals(4, ((JsonObject) filler.fill(null)).getJsonObject("c").getInteger("d"));
  }

  @Test
  void scalarsAndNonObjectsPassThrough() {
    assertEquals("x", new DefaultsFiller(NESTED).fill("x"));
    assertEquals(new JsonArray().add(1), new DefaultsFiller(NESTED).fill(new JsonArray().add(1)));
  }

  @Test
  void bundledSchemaFillsEveryDefault() {
    JsonObject os = (JsonObject) bundled.fill(new JsonObject());
    JsonObject general = os.getJsonObject("general");
    assertEquals("Default Node", general.getString("displayName"));
    assertEquals(new JsonArray(), general.getJsonArray("bootstrapNodes"));
    assertEquals(new JsonArray(), general.getJsonArray("announceAddresses"));
    assertEquals(new JsonArray(), general.getJsonArray("authorizedKeys"));
    assertEquals(false, general.getBoolean("requireAuthentication"));
    assertEquals(new JsonObject("{\"os\": \"INFO\", \"apps\": \"INFO\"}"), general.getJsonObject("logLevels"));
    assertNull(general.getValue("swarmKey"));
    assertEquals(new JsonObject("{\"topic\": \"default-topic\", \"readOnly\": false}"),
        os.getJsonObject("services").getJsonObject("eventService"));
  }

  @Test
  void bundledSchemaKeepsSetValuesBesideDefaults() {
    JsonObject os = (JsonObject) bundled.fill(new JsonObject("{\"general\": {\"logLevels\": {\"os\": \"DEBUG\"}}}"));
    assertEquals(new JsonObject("{\"os\": \"DEBUG\", \"apps\": \"INFO\"}"),
        os.getJsonObject("general").getJsonObject("logLevels"));
  }
}
