package dev.axnode.kernel;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A typed failure that crosses the event bus: its failure code is an {@link ErrorCode}
 * number, so whoever receives the failed reply recovers the code with {@link #from}.
 */
public final class AxException extends ReplyException {

  private final ErrorCode code;

  public AxException(ErrorCode code, String message) {
    super(ReplyFailure.RECIPIENT_FAILURE, code.number(), message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /**
   * The typed view of any failure: an AxException as is, a recipient failure carrying an
   * ErrorCode number as that code, everything else as {@link ErrorCode#INTERNAL_ERROR}.
   */
  public static AxException from(Throwable failure) {
    if (failure instanceof AxException ax) {
      return ax;
    }
    if (failure instanceof ReplyException reply) {
      ErrorCode code = reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          ? ErrorCode.ofNumber(reply.failureCode()) : null;
      if (code != null) {
        return new AxException(code, reply.getMessage());
      }
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new AxException(ErrorCode.INTERNAL_ERROR, "No verticle is serving this request right now");
      }
    }
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new AxException(ErrorCode.INTERNAL_ERROR, text);
  }
}
