package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.SettingsSchemaRequest;
import dev.axnode.kernel.message.SettingsSet;
import dev.axnode.kernel.message.SettingsUnset;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/settings…}: get, set, unset, schema and scopes, each one request to the
 * settings verticle. The scope travels as the {@code scope} query parameter.
 */
final class SettingsRoutes {

  private final Vertx vertx;

  SettingsRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void get(RoutingContext ctx) {
    boolean noDefaults = Boolean.parseBoolean(ctx.request().getParam("noDefaults", "false"));
    answer(ctx, scope(ctx).compose(scope -> request(Addresses.SETTINGS_GET, new SettingsGet(scope, noDefaults))));
  }

  void set(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(scope -> {
      String body = ctx.body().asString();
      if (body == null || body.isBlank()) {
        return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "The request body must hold the new value as JSON"));
      }
      return request(Addresses.SETTINGS_SET, new SettingsSet(scope, Envelope.parseJsonValue(body)));
    }));
  }

  void unset(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(scope -> request(Addresses.SETTINGS_UNSET, new SettingsUnset(scope))));
  }

  void schema(RoutingContext ctx) {
    answer(ctx, scope(ctx).compose(scope -> request(Addresses.SETTINGS_SCHEMA, new SettingsSchemaRequest(scope))));
  }

  void scopes(RoutingContext ctx) {
    answer(ctx, request(Addresses.SETTINGS_SCOPES, null));
  }

  private Future<Object> request(String address, Object body) {
    return BusRequests.<JsonValue>request(vertx, address, body).map(JsonValue::value);
  }

  private static Future<String> scope(RoutingContext ctx) {
    String scope = ctx.request().getParam("scope");
    if (scope == null || scope.isBlank()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "Missing query parameter 'scope' (e.g. '.' or 'com.actyx.os/general/displayName')"));
    }
    return Future.succeededFuture(scope);
  }

  private static void answer(RoutingContext ctx, Future<Object> result) {
    result.onSuccess(value -> Envelope.ok(ctx, value)).onFailure(failure -> Envelope.fail(ctx, failure));
  }
}
