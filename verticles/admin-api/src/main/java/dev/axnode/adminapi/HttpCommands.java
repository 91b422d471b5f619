package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP routes' handlers: each takes its inputs from the path, the query and the body,
 * runs the {@link AdminService} command and answers with the {@link Envelope}. The scope
 * travels as the {@code scope} query parameter.
 */
final class HttpCommands {

  private final AdminService service;

  HttpCommands(AdminService service) {
    this.service = service;
  }

  void inspect(RoutingContext ctx) {
    answer(ctx, service.nodeInspect());
  }

  void settingsGet(RoutingContext ctx) {
    boolean noDefaults = Boolean.parseBoolean(ctx.request().getParam("noDefaults", "false"));
    answer(ctx, scope(ctx).compose(scope -> service.settingsGet(scope, noDefaults)));
  }

  void settingsSet(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(scope -> {
      String body = ctx.body().asString();
      if (body == null || body.isBlank()) {
        return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "The request body must hold the new value as JSON"));
      }
      return service.settingsSet(scope, Envelope.parseJsonValue(body));
    }));
  }

  void settingsUnset(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(service::settingsUnset));
  }

  void settingsSchema(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(service::settingsSchema));
  }

  void settingsScopes(RoutingContext ctx) {
    answer(ctx, service.settingsScopes());
  }

  void verticlesList(RoutingContext ctx) {
    answer(ctx, service.verticlesList());
  }

  void verticlesSwap(RoutingContext ctx) {
    answer(ctx, service.verticlesSwap(ctx.pathParam("name"), ctx.request().getParam("class"), ctx.body().buffer(),
        Uploader.overHttp(ctx.request().remoteAddress())));
  }

  void swarmPeers(RoutingContext ctx) {
    answer(ctx, service.swarmPeers());
  }

  void swarmPerf(RoutingContext ctx) {
    answer(ctx, jsonObjectBody(ctx, AdminService.PERF_EXPECTED).compose(service::swarmPerf));
  }

  void swarmSetups(RoutingContext ctx) {
    answer(ctx, jsonObjectBody(ctx, AdminService.SETUPS_EXPECTED).compose(service::swarmSetups));
  }

  void swarmProgress(RoutingContext ctx) {
    answer(ctx, service.swarmProgress(ctx.request().getParam("runId")));
  }

  /** The body as a JSON object; anything else fails with {@code expected} as the message. */
  private static Future<JsonObject> jsonObjectBody(RoutingContext ctx, String expected) {
    try {
      return Envelope.parseJsonValue(ctx.body().asString()) instanceof JsonObject json ? Future.succeededFuture(json)
          : Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, expected));
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<String> scope(RoutingContext ctx) {
    String scope = ctx.request().getParam("scope");
    if (scope == null || scope.isBlank()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "Missing query parameter 'scope' " + AdminService.SCOPE_EXAMPLE));
    }
    return Future.succeededFuture(scope);
  }

  private static void answer(RoutingContext ctx, Future<Object> result) {
    result.onSuccess(value -> Envelope.ok(ctx, value)).onFailure(failure -> Envelope.fail(ctx, failure));
  }
}
