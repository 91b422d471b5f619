package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.PerfRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/swarm…}: the swarm's peers and a perf run against one of them. */
final class SwarmRoutes {

  /** A perf run of a few GiB takes a while on a slow link. */
  static final long PERF_TIMEOUT_MS = 15 * 60 * 1000;

  private final Vertx vertx;

  SwarmRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  void peers(RoutingContext ctx) {
    BusRequests.<JsonValue>request(vertx, Addresses.SWARM_PEERS, null)
        .onSuccess(peers -> Envelope.ok(ctx, peers.value()))
        .onFailure(failure -> Envelope.fail(ctx, failure));
  }

  void perf(RoutingContext ctx) {
    PerfRequest request;
    try {
      Object body = Envelope.parseJsonValue(ctx.body().asString());
      if (!(body instanceof JsonObject json) || json.getString("multiaddr") == null) {
        throw new AxException(ErrorCode.INVALID_INPUT, "Expected {\"multiaddr\": …, \"uploadBytes\": N, \"downloadBytes\": N}");
      }
      request = new PerfRequest(json.getString("multiaddr"), nonNegative(json, "uploadBytes"),
          nonNegative(json, "downloadBytes"));
    } catch (AxException | ClassCastException e) {
      Envelope.fail(ctx, e instanceof AxException ax ? ax : new AxException(ErrorCode.INVALID_INPUT, e.getMessage()));
      return;
    }
    BusRequests.<JsonValue>request(vertx, Addresses.SWARM_PERF, request, PERF_TIMEOUT_MS)
        .onSuccess(result -> Envelope.ok(ctx, result.value()))
        .onFailure(failure -> Envelope.fail(ctx, failure));
  }

  private static long nonNegative(JsonObject json, String key) {
    long value = json.getLong(key, 0L);
    if (value < 0) {
      throw new AxException(ErrorCode.INVALID_INPUT, key + " must not be negative");
    }
    return value;
  }
}
