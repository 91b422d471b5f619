package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed settings scope: {@code .} (the root of all scopes) or a top-level scope name
 * such as {@code com.actyx.os}, optionally followed by {@code /key/key…}.
 *
 * <p>Parsing checks syntax only; whether the top-level scope exists is up to {@link SettingsModel}.
 *
 * @param name the top-level scope name, null for the root
 * @param path the keys below the top-level scope, empty for the scope itself
 */
record Scope(String name, List<String> path) {

  /** The text of the root scope. */
  static final String ROOT_TEXT = ".";
  private static final Scope ROOT = new Scope(null, List.of());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  public Scope {
    path = List.copyOf(path);
  }

  /** Parses {@code text}, failing with {@link ErrorCode#INVALID_INPUT} on bad syntax. */
  static Scope parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new AxException(ErrorCode.INVALID_INPUT,
          "A settings scope is required: use '.' or a scope such as com.actyx.os/general/displayName");
    }
    if (text.equals(ROOT_TEXT)) {
      return ROOT;
    }
    String[] parts = text.split("/", -1);
    if (!NAME.matcher(parts[0]).matches()) {
      throw invalid(text, "'" + parts[0] + "' is not a scope name");
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        throw invalid(text, "it has an empty key");
      }
      if (parts[i].chars().anyMatch(Character::isISOControl)) {
        throw invalid(text, "a key contains a control character");
      }
    }
    return new Scope(parts[0], List.of(parts).subList(1, parts.length));
  }

  private static AxException invalid(String text, String reason) {
    return new AxException(ErrorCode.INVALID_INPUT, "Invalid settings scope '" + text + "': " + reason
        + "; use '.' or a scope such as com.actyx.os/general/displayName");
  }

  boolean isRoot() {
    return name == null;
  }

  /** The keys from the root of the stored tree: the scope name, then the path. */
  List<String> keys() {
    if (isRoot()) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    keys.add(name);
    keys.addAll(path);
    return List.copyOf(keys);
  }

  @Override
  public String toString() {
    return isRoot() ? ROOT_TEXT : String.join("/", keys());
  }
}
