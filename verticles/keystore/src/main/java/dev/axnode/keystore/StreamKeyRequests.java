package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the fields of stream-key and payload requests; every bad field is ERR_INVALID_INPUT naming it. */
final class StreamKeyRequests {

  /** Semantics longer than this (UTF-8) are refused; the events store caps tags at the same length. */
  static final int MAX_SEMANTICS_BYTES = 1024;
  /** At most one publish batch ({@code EventLimits.MAX_BATCH}) or one query page per request. */
  static final int MAX_ITEMS = 10_000;

  private StreamKeyRequests() {
  }

  static JsonObject body(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw invalid("A stream-key request is a JSON object");
  }

  static String semantics(JsonObject request) {
    Object value = request.getValue("semantics");
    if (!(value instanceof String semantics) || semantics.isEmpty()
        || semantics.getBytes(StandardCharsets.UTF_8).length > MAX_SEMANTICS_BYTES) {
      throw invalid("\"semantics\" must be a non-empty string of at most " + MAX_SEMANTICS_BYTES + " bytes");
    }
    return semantics;
  }

  static int epoch(JsonObject request) {
    Object value = request.getValue("keyEpoch");
    if (!(value instanceof Number number) || number.longValue() < 1 || number.longValue() > Integer.MAX_VALUE
        || number.doubleValue() != number.longValue()) {
      throw invalid("\"keyEpoch\" must be a whole number from 1");
    }
    return number.intValue();
  }

  static NodeId nodeId(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value instanceof String text) {
      try {
        return NodeId.parse(text);
      } catch (IllegalArgumentException e) {
        // fall through to the one message below
      }
    }
    throw invalid("\"" + field + "\" must be a node ID (12D3KooW…)");
  }

  static byte[] base64(JsonObject request, String field) {
    Object value = request.getValue(field);
    if (value instanceof String text) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        // fall through to the one message below
      }
    }
    throw invalid("\"" + field + "\" must be base64 text");
  }

  /** The optional {@code "keyId"} (32 lowercase hex digits), null when absent. */
  static String keyId(JsonObject request) {
    Object value = request.getValue("keyId");
    if (value == null) {
      return null;
    }
    if (value instanceof String text && text.matches("[0-9a-f]{32}")) {
      return text;
    }
    throw invalid("\"keyId\" must be 32 lowercase hex digits");
  }

  static JsonArray items(JsonObject request) {
    Object value = request.getValue("items");
    if (!(value instanceof JsonArray items) || items.size() > MAX_ITEMS) {
      throw invalid("\"items\" must be an array of at most " + MAX_ITEMS + " objects");
    }
    for (Object item : items) {
      if (!(item instanceof JsonObject)) {
        throw invalid("\"items\" must be an array of objects");
      }
    }
    return items;
  }

  static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }

  static AxException noKey(String semantics, int epoch) {
    return new AxException(ErrorCode.EVENTS_NO_KEY, epoch == 0
        ? "This node holds no stream key of semantics \"" + semantics + "\""
        : "This node holds no stream key of semantics \"" + semantics + "\" epoch " + epoch);
  }
}
