package dev.axnode.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fills in the defaults a JSON schema declares, since the validator only checks values.
 *
 * <p>Walks {@code properties} and {@code default} only, which is all the settings schemas
 * use: an absent (or null) value takes its schema's default; inside an object every
 * declared property is filled recursively, so an object default of {@code {}} fills in
 * all the way down. Properties come out in schema order, followed by any the schema does
 * not declare. Arrays are taken as they are. The input is never changed.
 */
final class DefaultsFiller {

  private final JsonObject schema;

  DefaultsFiller(JsonObject schema) {
    this.schema = schema.copy();
  }

  /** {@code value} with defaults filled in; null when it is absent and has no default. */
  Object fill(Object value) {
    return fill(schema, value);
  }

  private static Object fill(JsonObject schema, Object value) {
    Object result = copy(value != null ? value : schema.getValue("default"));
    if (result instanceof JsonObject object && schema.getValue("properties") instanceof JsonObject properties) {
      JsonObject filled = new JsonObject();
      for (String name : properties.fieldNames()) {
        Object propertySchema = properties.getValue(name);
        Object own = object.getValue(name);
        Object property = propertySchema instanceof JsonObject s ? fill(s, own) : own;
        if (property != null) {
          filled.put(name, property);
        }
      }
      for (String name : object.fieldNames()) {
        if (!filled.containsKey(name) && object.getValue(name) != null) {
          filled.put(name, object.getValue(name));
        }
      }
      return filled;
    }
    return result;
  }

  private static Object copy(Object value) {
    if (value instanceof JsonObject object) {
      return object.copy();
    }
    if (value instanceof JsonArray array) {
      return array.copy();
    }
    return value;
  }
}
