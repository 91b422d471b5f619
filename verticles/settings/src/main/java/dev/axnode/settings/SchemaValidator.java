package dev.axnode.settings;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a value against a JSON schema (draft 2020-12) and explains failures in words a
 * user can act on, e.g. {@code Validation failed at /general/displayName: expected string, got integer}.
 *
 * <p>The validator reports every failing keyword, including the applicators
 * ({@code properties}, {@code items}) above the real failure and spurious
 * {@code additionalProperties} failures for declared properties whose value failed; only
 * the assertions that explain the failure are kept.
 */
final class SchemaValidator {

  static final String BASE_URI = "https://ax-node.dev/";
  private static final Set<String> APPLICATORS = Set.of("properties", "items", "prefixItems", "allOf", "anyOf",
      "oneOf", "not", "if", "then", "else", "$ref", "$dynamicRef", "contains", "dependentSchemas",
      "patternProperties", "propertyNames", "unevaluatedItems", "unevaluatedProperties");
  private static final int MAX_SHOWN = 60;

  private final JsonObject schema;
  private final Validator validator;

  SchemaValidator(JsonObject schema) {
    this.schema = schema.copy();
    this.validator = Validator.create(JsonSchema.of(this.schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE_URI).setOutputFormat(OutputFormat.Basic));
  }

  /** Empty when {@code instance} is valid, else a message naming each offending location and why. */
  Optional<String> problem(Object instance) {
    OutputUnit result = validator.validate(instance);
    if (Boolean.TRUE.equals(result.getValid())) {
      return Optional.empty();
    }
    Set<String> reasons = new LinkedHashSet<>();
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    for (OutputUnit error : errors) {
      explain(error, instance).ifPresent(reasons::add);
    }
    if (reasons.isEmpty()) {
      reasons.add("/: " + (result.getError() != null ? result.getError() : "does not match the schema"));
    }
    return Optional.of("Validation failed at " + String.join("; at ", reasons));
  }

  /** {@code <location>: <reason>} for an assertion that failed; empty for noise. */
  private Optional<String> explain(OutputUnit error, Object instance) {
    List<String> keywordPath = JsonPointer.tokens(error.getKeywordLocation());
    List<String> instancePath = JsonPointer.tokens(error.getInstanceLocation());
    if (keywordPath.isEmpty()) {
      return Optional.empty();
    }
    String keyword = keywordPath.get(keywordPath.size() - 1);
    JsonObject node = JsonPointer.resolve(schema, keywordPath.subList(0, keywordPath.size() - 1))
        .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).orElse(new JsonObject());
    Object actual = JsonPointer.resolve(instance, instancePath).orElse(null);
    if (keyword.equals("additionalProperties")) {
      return unknownKey(node, instancePath);
    }
    if (APPLICATORS.contains(keyword)) {
      return Optional.empty();
    }
    return Optional.of(JsonPointer.format(instancePath) + ": " + reason(keyword, node, actual, error));
  }

  private static Optional<String> unknownKey(JsonObject node, List<String> instancePath) {
    if (instancePath.isEmpty()) {
      return Optional.empty();
    }
    String key = instancePath.get(instancePath.size() - 1);
    JsonObject declared = node.getValue("properties") instanceof JsonObject p ? p : new JsonObject();
    if (declared.containsKey(key)) {
      return Optional.empty();
    }
    String allowed = declared.isEmpty() ? "no keys are allowed here"
        : "allowed keys: " + String.join(", ", declared.fieldNames());
    return Optional.of(JsonPointer.format(instancePath.subList(0, instancePath.size() - 1))
        + ": unknown key '" + key + "'; " + allowed);
  }

  private static String reason(String keyword, JsonObject node, Object actual, OutputUnit error) {
    Object expected = node.getValue(keyword);
    switch (keyword) {
      case "type":
        String types = expected instanceof JsonArray a
            ? a.stream().map(String::valueOf).collect(Collectors.joining(" or ")) : String.valueOf(expected);
        return "expected " + types + ", got " + JsonTypes.typeOf(actual);
      case "enum":
        String options = expected instanceof JsonArray a
            ? a.stream().map(String::valueOf).collect(Collectors.joining(", ")) : String.valueOf(expected);
        return "expected one of " + options + ", got " + show(actual);
      case "const":
        return "expected " + show(expected) + ", got " + show(actual);
      case "pattern":
        return node.getValue("description") instanceof String description
            ? "expected " + description + ", got " + show(actual)
            : show(actual) + " does not match the pattern " + expected;
      case "uniqueItems":
        return "entries must be unique, but " + show(firstDuplicate(actual)) + " appears more than once";
      case "required":
        return "missing required keys " + expected;
      default:
        return error.getError() != null ? error.getError() : "does not match '" + keyword + "' of the schema";
    }
  }

  private static Object firstDuplicate(Object actual) {
    if (actual instanceof JsonArray array) {
      Set<String> seen = new HashSet<>();
      for (Object item : array) {
        if (!seen.add(Json.encode(item))) {
          return item;
        }
      }
    }
    return actual;
  }

  /** A value as JSON, shortened so that a long (or secret) value is not echoed whole. */
  private static String show(Object value) {
    String json = Json.encode(value);
    return json.length() <= MAX_SHOWN ? json : json.substring(0, MAX_SHOWN - 1) + "…";
  }

  /** JSON pointers as the validator writes them ({@code #/a/b}). */
  static final class JsonPointer {

    private JsonPointer() {
    }

    static List<String> tokens(String pointer) {
      List<String> tokens = new ArrayList<>();
      if (pointer == null) {
        return tokens;
      }
      String path = pointer.startsWith("#") ? pointer.substring(1) : pointer;
      if (path.isEmpty() || path.equals("/")) {
        return tokens;
      }
      for (String token : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1)) {
        tokens.add(token.replace("~1", "/").replace("~0", "~"));
      }
      return tokens;
    }

    static Optional<Object> resolve(Object root, List<String> tokens) {
      Object current = root;
      for (String token : tokens) {
        if (current instanceof JsonObject object) {
          current = object.getValue(token);
        } else if (current instanceof JsonArray array && token.matches("\\d{1,9}")
            && Integer.parseInt(token) < array.size()) {
          current = array.getValue(Integer.parseInt(token));
        } else {
          return Optional.empty();
        }
      }
      return Optional.ofNullable(current);
    }

    static String format(List<String> tokens) {
      return "/" + String.join("/", tokens);
    }
  }
}
