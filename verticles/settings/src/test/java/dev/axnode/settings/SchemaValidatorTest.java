package dev.axnode.settings;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.axnode.settings.Fixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaValidatorTest {

  private final SchemaValidator validator =
      new SchemaValidator(SettingsModel.bundled().schema(Scope.parse("com.actyx.os")));

  private String problem(String json) {
    return validator.problem(new JsonObject(json)).orElseThrow();
  }

  @Test
  void validSettingsHaveNoProblem() {
    assertEquals(Optional.empty(), validator.problem(new JsonObject()));
    assertEquals(Optional.empty(), validator.problem(new JsonObject("{\"general\": {\"displayName\": \"n\", "
        + "\"authorizedKeys\": [\"" + ALICE + "\"], \"logLevels\": {\"apps\": \"WARN\"}}, "
        + "\"services\": {\"eventService\": {\"readOnly\": true}}}")));
  }

  @Test
  void wrongTypeNamesExpectedAndActual() {
    assertEquals("Validation failed at /general/displayName: expected string, got integer",
        problem("{\"general\": {\"displayName\": 5}}"));
    assertEquals("Validation failed at /general/requireAuthentication: expected boolean, got string",
        problem("{\"general\": {\"requireAuthentication\": \"yes\"}}"));
    assertEquals("Validation failed at /services/eventService/topic: expected string, got number",
        problem("{\"services\": {\"eventService\": {\"topic\": 1.5}}}"));
  }

  @Test
  void wrongTypeOfTheWholeObject() {
    assertEquals("Validation failed at /: expected object, got string",
        validator.problem("text").orElseThrow());
    assertEquals("Validation failed at /general: expected object, got array", problem("{\"general\": []}"));
  }

  @Test
  void unknownKeysAreNamedWithTheAllowedOnes() {
    assertEquals("Validation failed at /general: unknown key 'displayname'; allowed keys: displayName, swarmKey, "
            + "bootstrapNodes, announceAddresses, authorizedKeys, requireAuthentication, logLevels",
        problem("{\"general\": {\"displayname\": \"n\"}}"));
    assertEquals("Validation failed at /: unknown key 'extra'; allowed keys: general, services",
        problem("{\"extra\": 1}"));
  }

  @Test
  void badAuthorizedKeyIsExplained() {
    assertEquals("Validation failed at /general/authorizedKeys/1: expected a 45-character public key "
            + "(0 followed by the base64 of an Ed25519 key), got \"not-a-key\"",
        problem("{\"general\": {\"authorizedKeys\": [\"" + ALICE + "\", \"not-a-key\"]}}"));
  }

  @Test
  void duplicateAuthorizedKeysAreRefused() {
    assertEquals("Validation failed at /general/authorizedKeys: entries must be unique, but \"" + ALICE
            + "\" appears more than once",
        problem("{\"general\": {\"authorizedKeys\": [\"" + ALICE + "\", \"" + ALICE + "\"]}}"));
  }

  @Test
  void logLevelOutsideTheEnum() {
    assertEquals("Validation failed at /general/logLevels/os: expected one of TRACE, DEBUG, INFO, WARN, ERROR, "
        + "got \"LOUD\"", problem("{\"general\": {\"logLevels\": {\"os\": \"LOUD\"}}}"));
  }

  @Test
  void multiaddrMustStartWithSlash() {
    assertEquals("Validation failed at /general/bootstrapNodes/0: expected a multiaddr starting with / "
            + "(such as /dns4/node.example.com/tcp/4001), got \"node.example.com:4001\"",
        problem("{\"general\": {\"bootstrapNodes\": [\"node.example.com:4001\"]}}"));
  }

  @Test
  void everyProblemIsListedOnce() {
    assertEquals("Validation failed at /general/bootstrapNodes/0: expected a multiaddr starting with / "
            + "(such as /dns4/node.example.com/tcp/4001), got \"x\"; at /general/bootstrapNodes/1: "
            + "expected string, got integer; at /general: unknown key 'nope'; allowed keys: displayName, swarmKey, "
            + "bootstrapNodes, announceAddresses, authorizedKeys, requireAuthentication, logLevels",
        problem("{\"general\": {\"bootstrapNodes\": [\"x\", 3], \"nope\": 1}}"));
  }

  @Test
  void longValuesAreShortened() {
    String message = problem("{\"general\": {\"logLevels\": {\"os\": \"" + "x".repeat(200) + "\"}}}");
    assertEquals(true, message.endsWith("…"), message);
  }
}
