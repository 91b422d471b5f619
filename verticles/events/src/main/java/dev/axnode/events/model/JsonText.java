package dev.axnode.events.model;

/**
 * Whether bytes are one JSON value (RFC 8259) in UTF-8: what a plain payload must be. A
 * receiver checks every replicated payload, so this runs once per event of a catch-up; it
 * walks the bytes once and builds nothing (decoding each payload into objects cost more than
 * storing it). Strict: no comments, no trailing data, valid UTF-8 inside strings, at most
 * {@link #MAX_DEPTH} levels of nesting and numbers of at most {@link #MAX_NUMBER_CHARS}
 * characters, the bounds Jackson applies when a node decodes a payload. Every payload a node
 * publishes passes (it is written by Jackson's generator).
 */
public final class JsonText {

  /** Nesting of arrays and objects (Jackson's default maximum). */
  public static final int MAX_DEPTH = 1000;
  /** Characters of one number (Jackson's default maximum). */
  public static final int MAX_NUMBER_CHARS = 1000;

  private final byte[] in;
  private int at;
  /** Per open container, innermost last: whether it is an object (bit set) or an array; see {@link #value}. */
  private long shallow;
  private long[] deep;

  private JsonText(byte[] in) {
    this.in = in;
  }

  /** Whether {@code utf8} holds exactly one JSON value, with optional whitespace around it. */
  public static boolean isValid(byte[] utf8) {
    try {
      JsonText text = new JsonText(utf8);
      text.value();
      text.skipWhitespace();
      return text.at == utf8.length;
    } catch (Invalid | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  /**
   * One value. Containers are walked without recursion, so a deep payload cannot exhaust the
   * thread's stack: a stack of bits says, per level, whether it is an object or an array (the
   * first 64 levels in a long, so a usual payload allocates nothing).
   */
  private void value() {
    int depth = 0;
    while (true) {
      skipWhitespace();
      byte b = in[at];
      if (b == '{' || b == '[') {
        at++;
        if (depth == MAX_DEPTH) {
          throw Invalid.INSTANCE;
        }
        setObject(depth++, b == '{');
        skipWhitespace();
        if (in[at] == (b == '{' ? '}' : ']')) {
          at++;
          depth--;
        } else {
          if (b == '{') {
            member();
          }
          continue;
        }
      } else {
        scalar(b);
      }
      // after a value: close containers, or go on to the next element
      while (true) {
        if (depth == 0) {
          return;
        }
        skipWhitespace();
        byte next = in[at++];
        if (next == ',') {
          if (isObject(depth - 1)) {
            skipWhitespace();
            member();
          }
          break;
        }
        if (next != (isObject(depth - 1) ? '}' : ']')) {
          throw Invalid.INSTANCE;
        }
        depth--;
      }
    }
  }

  private void setObject(int level, boolean object) {
    if (level < 64) {
      shallow = object ? shallow | 1L << level : shallow & ~(1L << level);
      return;
    }
    if (deep == null) {
      deep = new long[(MAX_DEPTH + 63) / 64];
    }
    int word = level / 64;
    deep[word] = object ? deep[word] | 1L << level : deep[word] & ~(1L << level);
  }

  private boolean isObject(int level) {
    return ((level < 64 ? shallow : deep[level / 64]) & 1L << level) != 0;
  }

  /** A member's name and colon; its value follows. */
  private void member() {
    if (in[at] != '"') {
      throw Invalid.INSTANCE;
    }
    string();
    skipWhitespace();
    if (in[at++] != ':') {
      throw Invalid.INSTANCE;
    }
  }

  private void scalar(byte b) {
    switch (b) {
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (in[at++] != word.charAt(i)) {
        throw Invalid.INSTANCE;
      }
    }
  }

  /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
  private void number() {
    int start = at;
    if (in[at] == '-') {
      at++;
    }
    if (in[at] == '0') {
      at++;
    } else {
      digits();
    }
    if (at < in.length && in[at] == '.') {
      at++;
      digits();
    }
    if (at < in.length && (in[at] == 'e' || in[at] == 'E')) {
      at++;
      if (in[at] == '+' || in[at] == '-') {
        at++;
      }
      digits();
    }
    if (at - start > MAX_NUMBER_CHARS) {
      throw Invalid.INSTANCE;
    }
  }

  private void digits() {
    if (!isDigit(in[at])) {
      throw Invalid.INSTANCE;
    }
    while (at < in.length && isDigit(in[at])) {
      at++;
    }
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** A string from its opening quote: escapes as RFC 8259 lists them, no control characters, valid UTF-8. */
  private void string() {
    at++;
    while (true) {
      int b = in[at++];
      if (b == '"') {
        return;
      }
      if (b == '\\') {
        escape();
      } else if (b < 0) {
        utf8Sequence(b & 0xFF);
      } else if (b < 0x20) {
        throw Invalid.INSTANCE;
      }
    }
  }

  private void escape() {
    switch (in[at++]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
      }
      case 'u' -> {
        for (int i = 0; i < 4; i++) {
          byte h = in[at++];
          if (!isDigit(h) && !(h >= 'a' && h <= 'f') && !(h >= 'A' && h <= 'F')) {
            throw Invalid.INSTANCE;
          }
        }
      }
      default -> throw Invalid.INSTANCE;
    }
  }

  /** The continuation bytes of a sequence led by {@code lead} (≥ 0x80): no overlong form, no surrogate, ≤ U+10FFFF. */
  private void utf8Sequence(int lead) {
    int min;
    int max = 0xBF;
    int continuations;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuations = 1;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuations = 2;
      min = lead == 0xE0 ? 0xA0 : 0x80;
      max = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuations = 3;
      min = lead == 0xF0 ? 0x90 : 0x80;
      max = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      throw Invalid.INSTANCE;
    }
    int second = in[at++] & 0xFF;
    if (second < min || second > max) {
      throw Invalid.INSTANCE;
    }
    for (int i = 1; i < continuations; i++) {
      int next = in[at++] & 0xFF;
      if (next < 0x80 || next > 0xBF) {
        throw Invalid.INSTANCE;
      }
    }
  }

  private void skipWhitespace() {
    while (at < in.length) {
      byte b = in[at];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
      at++;
    }
  }

  /** Not JSON; thrown without a stack trace, as it is an answer, not an error. */
  private static final class Invalid extends RuntimeException {
    static final Invalid INSTANCE = new Invalid();

    private Invalid() {
      super("not JSON", null, false, false);
    }
  }
}
