package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Optional;

import static dev.axnode.settings.Fixtures.ALICE;
import static dev.axnode.settings.Fixtures.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsModelTest {

  private final SettingsModel model = SettingsModel.bundled();
  private final JsonObject named = Fixtures.general(new JsonObject().put("displayName", "Node A"));

  private static Scope scope(String text) {
    return Scope.parse(text);
  }

  private static AxException fails(ErrorCode code, Executable call) {
    AxException e = assertThrows(AxException.class, call);
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void getRootFillsDefaults() {
    JsonObject root = (JsonObject) model.get(named, scope("."), false);
    assertEquals("Node A", root.getJsonObject("com.actyx.os").getJsonObject("general").getString("displayName"));
    assertEquals("default-topic", root.getJsonObject("com.actyx.os").getJsonObject("services")
        .getJsonObject("eventService").getString("topic"));
  }

  @Test
  void getWithoutDefaultsShowsWhatWasSet() {
    assertEquals(named, model.get(named, scope("."), true));
    assertEquals("Node A", model.get(named, scope("com.actyx.os/general/displayName"), true));
    fails(ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE, () -> model.get(named, scope("com.actyx.os/services"), true));
  }

  @Test
  void getOfADefaultValue() {
    assertEquals("INFO", model.get(named, scope("com.actyx.os/general/logLevels/os"), false));
    assertEquals(new JsonArray(), model.get(named, scope("com.actyx.os/general/authorizedKeys"), false));
  }

  @Test
  void getReturnsACopy() {
    ((JsonObject) model.get(named, scope("com.actyx.os/general"), true)).put("displayName", "changed");
    assertEquals("Node A", model.get(named, scope("com.actyx.os/general/displayName"), true));
  }

  @Test
  void getOfNothingIsNotFound() {
    AxException e = fails(ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE,
        () -> model.get(named, scope("com.actyx.os/general/nothing"), false));
    assertEquals("No settings found at scope 'com.actyx.os/general/nothing'", e.getMessage());
  }

  @Test
  void unknownScopeIsNamedWithTheKnownOnes() {
    AxException e = fails(ErrorCode.SETTINGS_UNKNOWN_SCOPE, () -> model.get(named, scope("com.example/x"), false));
    assertEquals("Unknown settings scope 'com.example'; known scopes: com.actyx.os", e.getMessage());
    fails(ErrorCode.SETTINGS_UNKNOWN_SCOPE, () -> model.set(named, scope("com.example"), 1));
    fails(ErrorCode.SETTINGS_UNKNOWN_SCOPE, () -> model.unset(named, scope("com.example")));
    fails(ErrorCode.SETTINGS_UNKNOWN_SCOPE, () -> model.schema(scope("com.example")));
  }

  @Test
  void setReplacesOneValue() {
    JsonObject next = model.set(named, scope("com.actyx.os/general/logLevels/os"), "DEBUG");
    assertEquals(new JsonObject("{\"com.actyx.os\": {\"general\": {\"displayName\": \"Node A\", "
        + "\"logLevels\": {\"os\": \"DEBUG\"}}}}"), next);
    assertEquals(Fixtures.general(new JsonObject().put("displayName", "Node A")), named);
  }

  @Test
  void setOfTheScopeReplacesItWhole() {
    JsonObject os = new JsonObject("{\"services\": {\"eventService\": {\"readOnly\": true}}}");
    assertEquals(Fixtures.stored(os), model.set(named, scope("com.actyx.os"), os));
  }

  @Test
  void setOfTheRootTakesAnObjectOfScopes() {
    JsonObject os = new JsonObject("{\"general\": {\"displayName\": \"B\"}}");
    assertEquals(Fixtures.stored(os), model.set(named, scope("."), Fixtures.stored(os)));
    assertEquals(SettingsModel.emptyTree(), model.set(named, scope("."), new JsonObject()));
    AxException e = fails(ErrorCode.SETTINGS_INVALID, () -> model.set(named, scope("."), "x"));
    assertEquals("The settings root '.' takes an object of scopes such as {\"com.actyx.os\": {…}}, got string",
        e.getMessage());
    fails(ErrorCode.SETTINGS_UNKNOWN_SCOPE, () -> model.set(named, scope("."), new JsonObject().put("other", 1)));
  }

  @Test
  void setThatBreaksTheSchemaIsRefused() {
    AxException e = fails(ErrorCode.SETTINGS_INVALID, () -> model.set(named, scope("com.actyx.os/general/displayName"), 5));
    assertEquals("Validation failed at /general/displayName: expected string, got integer", e.getMessage());
    fails(ErrorCode.SETTINGS_INVALID, () -> model.set(named, scope("com.actyx.os"), "x"));
    fails(ErrorCode.SETTINGS_INVALID, () -> model.set(named, scope("com.actyx.os/general/unknown"), 1));
  }

  @Test
  void setBelowAValueIsRefused() {
    AxException e = fails(ErrorCode.SETTINGS_INVALID,
        () -> model.set(named, scope("com.actyx.os/general/displayName/x"), "y"));
    assertTrue(e.getMessage().contains("holds a string, not an object"), e.getMessage());
  }

  @Test
  void requireAuthenticationNeedsAKey() {
    AxException e = fails(ErrorCode.SETTINGS_INVALID,
        () -> model.set(named, scope("com.actyx.os/general/requireAuthentication"), true));
    assertEquals(AuthenticationRule.TURNING_ON, e.getMessage());
    JsonObject withKey = model.set(named, scope("com.actyx.os/general/authorizedKeys"), Fixtures.keys(ALICE, BOB));
    JsonObject required = model.set(withKey, scope("com.actyx.os/general/requireAuthentication"), true);
    assertEquals(true, model.get(required, scope("com.actyx.os/general/requireAuthentication"), true));
  }

  @Test
  void keysCannotBeEmptiedWhileRequired() {
    JsonObject required = Fixtures.general(new JsonObject()
        .put("authorizedKeys", Fixtures.keys(ALICE)).put("requireAuthentication", true));
    AxException unset = fails(ErrorCode.SETTINGS_INVALID,
        () -> model.unset(required, scope("com.actyx.os/general/authorizedKeys")));
    assertEquals(AuthenticationRule.EMPTYING, unset.getMessage());
    fails(ErrorCode.SETTINGS_INVALID, () -> model.set(required, scope("com.actyx.os/general/authorizedKeys"),
        new JsonArray()));
    fails(ErrorCode.SETTINGS_INVALID, () -> model.set(required, scope("com.actyx.os/general"),
        new JsonObject().put("requireAuthentication", true)));
    assertFalse(model.unset(required, scope("com.actyx.os")).getJsonObject("com.actyx.os").containsKey("general"));
  }

  @Test
  void unsetRestoresTheDefault() {
    JsonObject next = model.unset(named, scope("com.actyx.os/general/displayName"));
    assertEquals(SettingsModel.emptyTree(), next);
    assertEquals("Default Node", model.get(next, scope("com.actyx.os/general/displayName"), false));
  }

  @Test
  void unsetOfWhatIsNotSetIsANoOp() {
    assertEquals(named, model.unset(named, scope("com.actyx.os/services/eventService/topic")));
  }

  @Test
  void unsetOfTheRootClearsEverything() {
    assertEquals(SettingsModel.emptyTree(), model.unset(named, scope(".")));
  }

  @Test
  void schemaOfTheScopeAndOfTheRoot() {
    JsonObject schema = model.schema(scope("com.actyx.os"));
    assertEquals(false, schema.getValue("additionalProperties"));
    assertEquals(schema, model.schema(scope(".")).getJsonObject("com.actyx.os"));
  }

  @Test
  void storedTreeProblems() {
    assertEquals(Optional.empty(), model.problem(named));
    assertEquals(Optional.empty(), model.problem(new JsonObject()));
    assertEquals(Optional.of("Unknown settings scope 'x'; known scopes: com.actyx.os"),
        model.problem(new JsonObject().put("x", 1)));
    assertTrue(model.problem(Fixtures.general(new JsonObject().put("displayName", 1))).isPresent());
    assertEquals(Optional.of(AuthenticationRule.STORED),
        model.problem(Fixtures.general(new JsonObject().put("requireAuthentication", true))));
  }
}
