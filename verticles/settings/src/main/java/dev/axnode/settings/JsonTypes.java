package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;

/** JSON type names as JSON Schema spells them, and a canonical form for values from the bus. */
final class JsonTypes {

  private JsonTypes() {
  }

  /** {@code object}, {@code array}, {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code null}. */
  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "object";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    if (value instanceof CharSequence) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return "integer";
    }
    if (value instanceof Number) {
      return value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
    }
    return value.getClass().getSimpleName();
  }

  /**
   * A deep, canonical copy of {@code value}: JsonObject, JsonArray, String, Integer/Long,
   * Double, Boolean or null, exactly as if it had crossed the wire. The sender keeps its
   * object; nothing it changes later reaches the settings.
   */
  static Object canonical(Object value) {
    try {
      return Json.decodeValue(Json.encode(value));
    } catch (EncodeException | DecodeException e) {
      throw new AxException(ErrorCode.INVALID_INPUT,
          "A settings value must be JSON, got a " + value.getClass().getSimpleName());
    }
  }
}
