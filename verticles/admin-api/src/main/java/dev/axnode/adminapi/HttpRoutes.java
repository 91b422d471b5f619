package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Predicate;

/**
 * The HTTP API's routes. Documented in {@code openapi.json}, served at
 * {@code /api/v1/openapi.json}. Body limits: 1 MiB for JSON, 64 MiB for an uploaded jar.
 * Every request passes {@link HttpGuard} (Host, Origin) first; routes with a body check
 * {@link BodyRules} before the body is read.
 */
final class HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);
  static final long JSON_BODY_LIMIT = 1024 * 1024;
  static final long JAR_BODY_LIMIT = 64L * 1024 * 1024;
  private static final String API = AdminOperation.HTTP_API;

  private final Vertx vertx;
  private final AuthenticationGate gate;
  private final HttpGuard guard;
  private final BodyRules bodies;
  private final HttpCommands commands;
  private final Buffer openApi = loadOpenApi();
  private final Predicate<AdminOperation> served;

  /** The routes of every operation (port 4457). */
  HttpRoutes(Vertx vertx, AuthenticationGate gate, AdminService service, HttpGuard guard) {
    this(vertx, gate, service, guard, operation -> true);
  }

  /** The routes of the operations {@code served} accepts (the event API: {@link AdminOperation#eventApi}). */
  HttpRoutes(Vertx vertx, AuthenticationGate gate, AdminService service, HttpGuard guard,
             Predicate<AdminOperation> served) {
    this.served = served;
    this.vertx = vertx;
    this.gate = gate;
    this.guard = guard;
    this.bodies = new BodyRules(service.uploads(), JAR_BODY_LIMIT);
    this.commands = new HttpCommands(service);
  }

  Router router() {
    Router router = Router.router(vertx);
    router.route().handler(HttpRoutes::logAtDebug);
    router.route().handler(guard::handle);
    router.route().handler(gate::handle);
    router.get(API + "/openapi.json").handler(ctx ->
        ctx.response().putHeader("content-type", "application/json").end(openApi));
    for (AdminOperation operation : AdminOperation.values()) {
      if (served.test(operation)) {
        route(router, operation);
      }
    }
    router.route().failureHandler(HttpRoutes::clientGone);
    router.errorHandler(404, ctx -> Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT,
        "No such API endpoint: " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT,
        "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path())));
    router.errorHandler(413, ctx -> Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT,
        "The request body is larger than the limit of " + limitFor(ctx) + " bytes")));
    router.errorHandler(400, ctx -> Envelope.fail(ctx, new AxException(ErrorCode.INVALID_INPUT,
        "Bad request: " + (ctx.failure() == null ? "malformed" : ctx.failure().getMessage()))));
    router.errorHandler(500, HttpRoutes::internalError);
    return router;
  }

  /**
   * The route of one operation at its method and path. Body rules are routes of their own
   * before each body route: Vert.x runs a route's body handler first.
   */
  private void route(Router router, AdminOperation operation) {
    String path = operation.httpPath().replaceAll("\\{([a-zA-Z]+)}", ":$1");
    switch (operation.body()) {
      case NONE -> router.route(operation.httpMethod(), path).handler(ctx -> commands.handle(operation, ctx));
      case JSON -> {
        router.route(operation.httpMethod(), path).handler(BodyRules::requireJson);
        router.route(operation.httpMethod(), path).handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT))
            .handler(ctx -> commands.handle(operation, ctx));
      }
      case BYTES -> {
        router.route(operation.httpMethod(), path).handler(bodies::admitSwap);
        router.route(operation.httpMethod(), path).handler(BodyHandler.create(false).setBodyLimit(JAR_BODY_LIMIT))
            .handler(ctx -> commands.handle(operation, ctx));
      }
      default -> throw new IllegalStateException("unknown body kind " + operation.body());
    }
  }

  /** An access log at DEBUG: switch it on with {@code com.actyx.os/general/logLevels/os}. */
  private static void logAtDebug(RoutingContext ctx) {
    if (LOG.isDebugEnabled()) {
      long started = System.nanoTime();
      ctx.addEndHandler(done -> LOG.debug("{} {} -> {} in {} µs", ctx.request().method(), ctx.request().uri(),
          ctx.response().getStatusCode(), (System.nanoTime() - started) / 1000));
    }
    ctx.next();
  }

  /** A client that hangs up while its body is read is no error of the node's: nothing to answer, nothing to log. */
  private static void clientGone(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpClosedException) {
      LOG.debug("{} {}: the client closed the connection", ctx.request().method(), ctx.request().path());
    } else {
      ctx.next();
    }
  }

  private static long limitFor(RoutingContext ctx) {
    return ctx.request().path().endsWith("/swap") ? JAR_BODY_LIMIT : JSON_BODY_LIMIT;
  }

  private static void internalError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Envelope.fail(ctx, failure != null ? failure : new AxException(ErrorCode.INTERNAL_ERROR, "Internal error"));
  }

  private static Buffer loadOpenApi() {
    try (InputStream in = HttpRoutes.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the admin-api jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
