package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.admin.AdminParam;
import dev.axnode.kernel.admin.AdminParam.In;
import dev.axnode.kernel.message.EventsPublish;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP routes' one handler: it collects an {@link AdminOperation}'s params from the
 * path, the query and the body as the operation defines them, runs it on the
 * {@link AdminService} and answers with the {@link Envelope}.
 */
final class HttpCommands {

  private final AdminService service;

  HttpCommands(AdminService service) {
    this.service = service;
  }

  void handle(AdminOperation operation, RoutingContext ctx) {
    if (operation.streams()) {
      JsonObject params;
      try {
        params = params(operation, ctx);
      } catch (AxException e) {
        Envelope.fail(ctx, e);
        return;
      }
      HttpEventStream.serve(service, operation, ctx, params);
      return;
    }
    if (operation == AdminOperation.EVENTS_PUBLISH && publishPlain(ctx)) {
      return;
    }
    Future<Object> result;
    try {
      result = service.call(operation, params(operation, ctx), Uploader.overHttp(ctx.request().remoteAddress()));
    } catch (AxException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(value -> Envelope.ok(ctx, value)).onFailure(failure -> Envelope.fail(ctx, failure));
  }

  /**
   * A publish whose body is plain ({@link PublishRequests#plain}) goes to the events verticle
   * without a tree of its JSON; false for any other body, which takes the general way.
   */
  private boolean publishPlain(RoutingContext ctx) {
    EventsPublish request = PublishRequests.plain(ctx.body().asString());
    if (request == null) {
      return false;
    }
    service.publish(request).onSuccess(published -> Envelope.ok(ctx, published))
        .onFailure(failure -> Envelope.fail(ctx, failure));
    return true;
  }

  private static JsonObject params(AdminOperation operation, RoutingContext ctx) {
    JsonObject params = new JsonObject();
    for (AdminParam param : operation.params()) {
      switch (param.in()) {
        case PATH -> params.put(param.name(), ctx.pathParam(param.name()));
        case QUERY -> query(param, ctx.request().getParam(param.name()), params);
        case BODY -> params.put(param.name(), param.type() == AdminParam.Type.BYTES ? ctx.body().buffer()
            : jsonBody(ctx.body().asString()));
        case FIELD -> { } // below, from the body as a whole
        default -> throw new IllegalStateException("unknown parameter place " + param.in());
      }
    }
    if (!operation.params(In.FIELD).isEmpty()
        && Envelope.parseJsonValue(ctx.body().asString()) instanceof JsonObject fields) {
      // Not an object: the params stay empty and the command says what it expected.
      operation.params(In.FIELD).stream().filter(p -> fields.containsKey(p.name()))
          .forEach(p -> params.put(p.name(), fields.getValue(p.name())));
    }
    return params;
  }

  private static void query(AdminParam param, String value, JsonObject params) {
    if (value == null || value.isBlank()) {
      if (param.required()) {
        throw new AxException(ErrorCode.INVALID_INPUT, "Missing query parameter '" + param.name() + "' "
            + param.hint());
      }
      return;
    }
    params.put(param.name(), switch (param.type()) {
      case BOOLEAN -> Boolean.parseBoolean(value);
      case INTEGER -> integer(param, value);
      default -> value;
    });
  }

  private static long integer(AdminParam param, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Query parameter '" + param.name() + "' must be an integer");
    }
  }

  private static Object jsonBody(String body) {
    if (body == null || body.isBlank()) {
      throw new AxException(ErrorCode.INVALID_INPUT, "The request body must hold the new value as JSON");
    }
    return Envelope.parseJsonValue(body);
  }
}
