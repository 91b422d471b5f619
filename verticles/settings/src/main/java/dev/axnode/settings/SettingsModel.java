package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The settings operations on a stored tree, free of I/O and of Vert.x.
 *
 * <p>The stored tree holds only values that were set explicitly, as
 * {@code {"com.actyx.os": {…}}}; defaults are filled in when it is read. Every edit returns
 * a new tree that has been validated against the schema and the {@link AuthenticationRule},
 * or fails with a typed {@link AxException}.
 */
final class SettingsModel {

  /** The one top-level scope. */
  static final String OS = "com.actyx.os";
  private static final String SCHEMA_RESOURCE = "com.actyx.os.schema.json";

  private final JsonObject schema;
  private final SchemaValidator validator;
  private final DefaultsFiller defaults;

  SettingsModel(JsonObject schema) {
    this.schema = schema.copy();
    this.validator = new SchemaValidator(this.schema);
    this.defaults = new DefaultsFiller(this.schema);
  }

  /** The model of the bundled {@code com.actyx.os} schema. Reads a class-path resource: blocking. */
  static SettingsModel bundled() {
    try (InputStream in = SettingsModel.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the settings schema " + SCHEMA_RESOURCE + " is missing from the class path");
      }
      return new SettingsModel(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the settings schema " + SCHEMA_RESOURCE, e);
    }
  }

  /** A stored tree with nothing set. */
  static JsonObject emptyTree() {
    return new JsonObject().put(OS, new JsonObject());
  }

  static JsonArray scopeNames() {
    return new JsonArray().add(OS);
  }

  /** Fails with {@link ErrorCode#SETTINGS_UNKNOWN_SCOPE} unless {@code scope} is the root or below a known scope. */
  static Scope known(Scope scope) {
    if (!scope.isRoot() && !OS.equals(scope.name())) {
      throw unknownScope(scope.name());
    }
    return scope;
  }

  /** The schema of {@code scope}: {@code {"com.actyx.os": schema}} for the root. */
  JsonObject schema(Scope scope) {
    known(scope);
    return scope.isRoot() ? new JsonObject().put(OS, schema.copy()) : schema.copy();
  }

  /** The stored tree with defaults filled in. */
  JsonObject withDefaults(JsonObject stored) {
    return new JsonObject().put(OS, defaults.fill(stored.getValue(OS)));
  }

  /** The value at {@code scope}, a copy. */
  Object get(JsonObject stored, Scope scope, boolean noDefaults) {
    known(scope);
    JsonObject tree = noDefaults ? stored : withDefaults(stored);
    Object value = SettingsTree.find(tree, scope.keys()).orElseThrow(() -> new AxException(
        ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE, "No settings found at scope '" + scope + "'"));
    return JsonTypes.canonical(value);
  }

  /** {@code stored} with {@code value} at {@code scope}, validated. */
  JsonObject set(JsonObject stored, Scope scope, Object value) {
    known(scope);
    JsonObject next;
    if (scope.isRoot()) {
      next = rootFrom(value);
    } else {
      next = SettingsTree.set(stored, scope.keys(), value);
    }
    return validated(stored, next);
  }

  /** {@code stored} without the value at {@code scope}, validated. */
  JsonObject unset(JsonObject stored, Scope scope) {
    known(scope);
    JsonObject next = scope.keys().size() <= 1 ? emptyTree() : SettingsTree.unset(stored, scope.keys());
    return validated(stored, next);
  }

  /** The problem with a tree read from disk, or empty when it is a valid stored tree. */
  Optional<String> problem(JsonObject stored) {
    for (String name : stored.fieldNames()) {
      if (!OS.equals(name)) {
        return Optional.of(unknownScope(name).getMessage());
      }
    }
    Optional<String> invalid = validator.problem(stored.getValue(OS, new JsonObject()));
    if (invalid.isPresent()) {
      return invalid;
    }
    return AuthenticationRule.violation(null, withDefaults(stored).getJsonObject(OS));
  }

  private JsonObject validated(JsonObject before, JsonObject next) {
    validator.problem(next.getValue(OS)).ifPresent(problem -> {
      throw new AxException(ErrorCode.SETTINGS_INVALID, problem);
    });
    AuthenticationRule.violation(withDefaults(before).getJsonObject(OS), withDefaults(next).getJsonObject(OS))
        .ifPresent(problem -> {
          throw new AxException(ErrorCode.SETTINGS_INVALID, problem);
        });
    return next;
  }

  private static JsonObject rootFrom(Object value) {
    if (!(value instanceof JsonObject root)) {
      throw new AxException(ErrorCode.SETTINGS_INVALID,
          "The settings root '.' takes an object of scopes such as {\"" + OS + "\": {…}}, got " + JsonTypes.typeOf(value));
    }
    for (String name : root.fieldNames()) {
      if (!OS.equals(name)) {
        throw unknownScope(name);
      }
    }
    return new JsonObject().put(OS, root.getValue(OS, new JsonObject()));
  }

  private static AxException unknownScope(String name) {
    return new AxException(ErrorCode.SETTINGS_UNKNOWN_SCOPE,
        "Unknown settings scope '" + name + "'; known scopes: " + String.join(", ", List.of(OS)));
  }
}
