package dev.axnode.settings;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.axnode.settings.Fixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthenticationRuleTest {

  private static JsonObject os(boolean require, String... keys) {
    return new JsonObject().put("general", new JsonObject()
        .put("requireAuthentication", require).put("authorizedKeys", Fixtures.keys(keys)));
  }

  @Test
  void requiringWithAKeyIsFine() {
    assertEquals(Optional.empty(), AuthenticationRule.violation(os(false, ALICE), os(true, ALICE)));
  }

  @Test
  void notRequiringIsFineWithoutKeys() {
    assertEquals(Optional.empty(), AuthenticationRule.violation(os(true, ALICE), os(false)));
  }

  @Test
  void turningOnWithoutKeysIsRefused() {
    assertEquals(Optional.of(AuthenticationRule.TURNING_ON), AuthenticationRule.violation(os(false), os(true)));
    assertEquals("Refusing to set requireAuthentication to true while authorizedKeys is empty: it would lock every "
        + "client out. Add a key to com.actyx.os/general/authorizedKeys first.", AuthenticationRule.TURNING_ON);
  }

  @Test
  void removingTheLastKeyWhileRequiredIsRefused() {
    assertEquals(Optional.of(AuthenticationRule.EMPTYING), AuthenticationRule.violation(os(true, ALICE), os(true)));
  }

  @Test
  void storedSettingsThatLockEveryoneOutAreReported() {
    assertEquals(Optional.of(AuthenticationRule.STORED), AuthenticationRule.violation(null, os(true)));
  }

  @Test
  void missingGeneralMeansNotRequired() {
    assertEquals(Optional.empty(), AuthenticationRule.violation(new JsonObject(), new JsonObject()));
  }
}
