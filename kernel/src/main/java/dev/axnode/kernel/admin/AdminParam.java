package dev.axnode.kernel.admin;

/**
 * One parameter of an {@link AdminOperation}: its name (the same in a 4458 request's
 * {@code params} and over HTTP), its JSON type, whether it must be given, and where it
 * travels over HTTP.
 *
 * @param name     the name in {@code params}, and the query, path or body field name over HTTP
 * @param type     the JSON type of its value
 * @param required whether a call without it is refused
 * @param in       where it travels over HTTP
 * @param hint     what a good value looks like, for refusals ("" if nothing to add)
 */
public record AdminParam(String name, Type type, boolean required, In in, String hint) {

  /** The value's type in {@code params}. */
  public enum Type {
    STRING, BOOLEAN, INTEGER,
    /** Any JSON value, null included. */
    JSON,
    /**
     * Bytes: a {@link io.vertx.core.buffer.Buffer} in an {@link AdminCall}, standard base64
     * text on 4458 (a JSON frame), the raw request body over HTTP.
     */
    BYTES
  }

  /** Where the parameter travels over HTTP. */
  public enum In {
    /** A segment of the path: {@code {name}} in the operation's path. */
    PATH,
    /** A query parameter. */
    QUERY,
    /** The whole request body (JSON for {@link Type#JSON}, raw for {@link Type#BYTES}). */
    BODY,
    /** A field of the JSON object that is the request body. */
    FIELD
  }

  static AdminParam query(String name, Type type, boolean required, String hint) {
    return new AdminParam(name, type, required, In.QUERY, hint);
  }

  static AdminParam path(String name) {
    return new AdminParam(name, Type.STRING, true, In.PATH, "");
  }

  static AdminParam body(String name, Type type, boolean required) {
    return new AdminParam(name, type, required, In.BODY, "");
  }

  static AdminParam field(String name, Type type, boolean required) {
    return new AdminParam(name, type, required, In.FIELD, "");
  }
}
