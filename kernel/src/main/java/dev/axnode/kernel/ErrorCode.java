package dev.axnode.kernel;

/**
 * The node's error codes. Numbers are stable: they travel as the failure code of a
 * {@link io.vertx.core.eventbus.ReplyException} and must never be reused. The wire name
 * ({@link #wireName()}) is what the HTTP API, the secure API and the CLI print.
 */
public enum ErrorCode {
  NODE_UNREACHABLE(4401, 503),
  NODE_MISCONFIGURED(4402, 503),
  UNAUTHORIZED(4403, 403),
  INVALID_INPUT(4404, 400),
  SETTINGS_INVALID(4405, 400),
  SETTINGS_UNKNOWN_SCOPE(4406, 404),
  SETTINGS_NOT_FOUND_AT_SCOPE(4407, 404),
  NODE_AUTH(4408, 403),
  INTERNAL_ERROR(4409, 500),
  FILE_EXISTS(4410, 409),
  IO(4411, 500),
  /** Publishing on a node whose {@code com.actyx.os/services/eventService/readOnly} is true. */
  EVENTS_READ_ONLY(4412, 409),
  /** An event or block that does not verify as its source's, or breaks a stream's order. */
  EVENTS_REJECTED(4413, 422),
  /** A stream key this node does not hold: publishing into an encrypted family, granting, rotating. */
  EVENTS_NO_KEY(4414, 403);

  private final int number;
  private final int httpStatus;

  ErrorCode(int number, int httpStatus) {
    this.number = number;
    this.httpStatus = httpStatus;
  }

  /** The stable number carried as a ReplyException failure code. */
  public int number() {
    return number;
  }

  /** The HTTP status the HTTP admin API answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** {@code ERR_} and the constant's name, e.g. {@code ERR_SETTINGS_INVALID}. */
  public String wireName() {
    return "ERR_" + name();
  }

  /** The code with this number, or null. */
  public static ErrorCode ofNumber(int number) {
    for (ErrorCode code : values()) {
      if (code.number == number) {
        return code;
      }
    }
    return null;
  }

  /** The code with this wire name ({@code ERR_…}), or null. */
  public static ErrorCode ofWireName(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName().equals(wireName)) {
        return code;
      }
    }
    return null;
  }
}
