package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Shuts the unauthenticated HTTP API while {@code com.actyx.os/general/requireAuthentication}
 * is true: every request then gets ERR_NODE_MISCONFIGURED. Follows settings changes at once.
 */
final class AuthenticationGate {

  static final String MISCONFIGURED = "Node HTTP API is not available, if setting "
      + "`com.actyx.os/general/requireAuthentication` is set to true. "
      + "Consider using the experimental API on port 4458 instead.";

  private volatile boolean requireAuthentication;

  /** Updates the gate from a settings tree ({@code {"com.actyx.os": …}} with defaults). */
  void update(JsonObject settings) {
    JsonObject general = settings.getJsonObject("com.actyx.os", new JsonObject())
        .getJsonObject("general", new JsonObject());
    requireAuthentication = general.getBoolean("requireAuthentication", false);
  }

  void handle(RoutingContext ctx) {
    if (requireAuthentication) {
      Envelope.fail(ctx, new AxException(ErrorCode.NODE_MISCONFIGURED, MISCONFIGURED));
    } else {
      ctx.next();
    }
  }
}
