package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the HTTP API's answer (RFC 8259 JSON) into the values Vert.x's Jackson codec makes:
 * maps, lists, String, Boolean, null, Integer or Long or BigInteger, Double. One small
 * answer per process does not pay for starting Jackson (its factory, the probing for
 * jackson-databind, its buffers), which took longer than the request itself.
 */
final class JsonReader {

  /** Deeper than any admin answer; a bound keeps a hostile answer from exhausting the stack. */
  private static final int MAX_DEPTH = 512;

  private final String text;
  private int at;

  private JsonReader(String text) {
    this.text = text;
  }

  /** The object {@code json} holds; IllegalArgumentException if it is not exactly one JSON object. */
  static JsonObject object(byte[] json) {
    JsonReader reader = new JsonReader(new String(json, StandardCharsets.UTF_8));
    reader.skipSpace();
    if (!reader.peek('{')) {
      throw reader.error("expected an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) reader.value(0);
    reader.skipSpace();
    if (reader.at != reader.text.length()) {
      throw reader.error("text after the object");
    }
    return new JsonObject(map);
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    skipSpace();
    if (at >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(at);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    at++;
    skipSpace();
    if (take('}')) {
      return map;
    }
    do {
      skipSpace();
      if (!peek('"')) {
        throw error("expected a key");
      }
      String key = string();
      skipSpace();
      if (!take(':')) {
        throw error("expected ':'");
      }
      map.put(key, value(depth + 1));
      skipSpace();
    } while (take(','));
    if (!take('}')) {
      throw error("expected ',' or '}'");
    }
    return map;
  }

  private List<Object> array(int depth) {
    List<Object> list = new ArrayList<>();
    at++;
    skipSpace();
    if (take(']')) {
      return list;
    }
    do {
      list.add(value(depth + 1));
      skipSpace();
    } while (take(','));
    if (!take(']')) {
      throw error("expected ',' or ']'");
    }
    return list;
  }

  private String string() {
    at++; // the opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      out.append(c == '\\' ? escape() : c);
    }
  }

  private char escape() {
    if (at >= text.length()) {
      throw error("unterminated escape");
    }
    char c = text.charAt(at++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicode();
      default -> throw error("bad escape \\" + c);
    };
  }

  private char unicode() {
    if (at + 4 > text.length()) {
      throw error("short \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(at++), 16);
      if (digit < 0) {
        throw error("bad \\u escape");
      }
      code = code * 16 + digit;
    }
    return (char) code; // a surrogate pair arrives as two escapes, joined by the StringBuilder
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, at)) {
      throw error("unexpected character");
    }
    at += word.length();
    return value;
  }

  private Object number() {
    int start = at;
    take('-');
    int digits = digits();
    if (digits == 0 || (digits > 1 && text.charAt(at - digits) == '0')) {
      throw error("bad number");
    }
    boolean integral = true;
    if (take('.')) {
      integral = false;
      if (digits() == 0) {
        throw error("bad number");
      }
    }
    if (take('e') || take('E')) {
      integral = false;
      if (!take('+')) {
        take('-');
      }
      if (digits() == 0) {
        throw error("bad number");
      }
    }
    String number = text.substring(start, at);
    if (!integral) {
      return Double.parseDouble(number);
    }
    BigInteger value = new BigInteger(number);
    if (value.bitLength() < 32) {
      return value.intValue();
    }
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private int digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at - start;
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private boolean take(char c) {
    if (peek(c)) {
      at++;
      return true;
    }
    return false;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("Invalid JSON at character " + at + ": " + what);
  }
}
