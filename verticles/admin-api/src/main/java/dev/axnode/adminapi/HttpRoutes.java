package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The HTTP API's routes. Documented in {@code openapi.json}, served at
 * {@code /api/v1/openapi.json}. Body limits: 1 MiB for JSON, 64 MiB for an uploaded jar.
 */
final class HttpRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);
  static final long JSON_BODY_LIMIT = 1024 * 1024;
  static final long JAR_BODY_LIMIT = 64L * 1024 * 1024;
  private static final String API = "/api/v1";

  private final Vertx vertx;
  private final AuthenticationGate gate;
  private final Path dataDir;
  private final Buffer openApi = loadOpenApi();

  HttpRoutes(Vertx vertx, AuthenticationGate gate, Path dataDir) {
    this.vertx = vertx;
    this.gate = gate;
    this.dataDir = dataDir;
  }

  Router router() {
    Router router = Router.router(vertx);
    SettingsRoutes settings = new SettingsRoutes(vertx);
    NodeRoutes node = new NodeRoutes(vertx);
    VerticleRoutes verticles = new VerticleRoutes(vertx, dataDir);
    router.route().handler(HttpRoutes::logAtDebug);
    router.route().handler(gate::handle);
    router.get(API + "/openapi.json").handler(ctx ->
        ctx.response().putHeader("content-type", "application/json").end(openApi));
    router.get(API + "/node").handler(node::inspect);
    router.get(API + "/settings/scopes").handler(settings::scopes);
    router.get(API + "/settings/schema").handler(settings::schema);
    router.get(API + "/settings").handler(settings::get);
    router.put(API + "/settings").handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT)).handler(settings::set);
    router.delete(API + "/settings").handler(settings::unset);
    router.get(API + "/verticles").handler(verticles::list);
    SwarmRoutes swarm = new SwarmRoutes(vertx);
    router.get(API + "/swarm/peers").handler(swarm::peers);
    router.post(API + "/swarm/perf").handler(BodyHandler.create(false).setBodyLimit(JSON_BODY_LIMIT)).handler(swarm::perf);
    router.post(API + "/verticles/:name/swap").handler(BodyHandler.create(false).setBodyLimit(JAR_BODY_LIMIT))
        .handler(verticles::swap);
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

  /** An access log at DEBUG: switch it on with {@code com.actyx.os/general/logLevels/os}. */
  private static void logAtDebug(RoutingContext ctx) {
    if (LOG.isDebugEnabled()) {
      long started = System.nanoTime();
      ctx.addEndHandler(done -> LOG.debug("{} {} -> {} in {} µs", ctx.request().method(), ctx.request().uri(),
          ctx.response().getStatusCode(), (System.nanoTime() - started) / 1000));
    }
    ctx.next();
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
