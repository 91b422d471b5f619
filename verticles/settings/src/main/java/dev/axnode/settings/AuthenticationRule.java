package dev.axnode.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * Refuses settings that would lock every client out: {@code requireAuthentication} true
 * while {@code authorizedKeys} is empty. Both trees are {@code com.actyx.os} objects with
 * defaults filled in.
 */
final class AuthenticationRule {

  static final String TURNING_ON = "Refusing to set requireAuthentication to true while authorizedKeys is empty: "
      + "it would lock every client out. Add a key to com.actyx.os/general/authorizedKeys first.";
  static final String EMPTYING = "Refusing to leave authorizedKeys empty while requireAuthentication is true: "
      + "it would lock every client out. Set com.actyx.os/general/requireAuthentication to false first.";
  static final String STORED = "requireAuthentication is true while authorizedKeys is empty, "
      + "which locks every client out";

  private AuthenticationRule() {
  }

  /**
   * Why the change from {@code before} to {@code after} is refused, or empty when it is
   * fine. {@code before} is null when there is no previous state (settings read from disk).
   */
  static Optional<String> violation(JsonObject before, JsonObject after) {
    if (!locksEveryoneOut(after)) {
      return Optional.empty();
    }
    if (before == null) {
      return Optional.of(STORED);
    }
    return Optional.of(requiresAuthentication(before) ? EMPTYING : TURNING_ON);
  }

  private static boolean locksEveryoneOut(JsonObject os) {
    JsonObject general = os.getValue("general") instanceof JsonObject g ? g : new JsonObject();
    boolean noKeys = !(general.getValue("authorizedKeys") instanceof JsonArray keys) || keys.isEmpty();
    return requiresAuthentication(os) && noKeys;
  }

  private static boolean requiresAuthentication(JsonObject os) {
    return os.getValue("general") instanceof JsonObject general
        && Boolean.TRUE.equals(general.getValue("requireAuthentication"));
  }
}
