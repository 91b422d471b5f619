package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.message.EventsPublish;
import dev.axnode.kernel.message.EventsPublished;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one-answer event operations: publish, offsets and stream keys, each one request to
 * the events verticle ({@code events-design.md}, "Event-bus contract"). Query and subscribe
 * stream their answer instead ({@link EventPager}).
 */
final class EventCommands {

  /** A publish is answered once durable: an fsync, maybe behind other batches. */
  static final long PUBLISH_TIMEOUT_MS = 30_000;
  /** Key operations may seal a key for every grantee: a few X25519 operations each. */
  static final long KEYS_TIMEOUT_MS = 30_000;
  static final String PUBLISH_EXPECTED = "Expected {\"data\": [{\"semantics\": …, \"name\": …, \"payload\": …}, …]}";

  private final Vertx vertx;

  EventCommands(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Object> call(AdminOperation operation, JsonObject params) {
    return switch (operation) {
      case EVENTS_PUBLISH -> publish(params.getValue("data"));
      case EVENTS_OFFSETS -> request(Addresses.EVENTS_OFFSETS, new JsonObject(), BusRequests.DEFAULT_TIMEOUT_MS);
      case EVENTS_KEYS_CREATE -> keys(new JsonObject().put("op", "create").put("semantics", semantics(params)));
      case EVENTS_KEYS_GRANT -> keys(new JsonObject().put("op", "grant").put("semantics", semantics(params))
          .put("nodeId", required(params, "nodeId", "the node ID (12D3KooW…) to grant the key to")));
      case EVENTS_KEYS_ROTATE -> keys(new JsonObject().put("op", "rotate").put("semantics", semantics(params))
          .put("revoke", revoke(params.getValue("revoke"))));
      case EVENTS_KEYS_LS -> keys(new JsonObject().put("op", "ls"));
      default -> Future.failedFuture(new AxException(ErrorCode.INTERNAL_ERROR,
          operation.operationName() + " is not a one-answer event operation"));
    };
  }

  private Future<Object> publish(Object data) {
    if (!(data instanceof JsonArray events) || events.isEmpty()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, PUBLISH_EXPECTED));
    }
    for (Object event : events) {
      if (!(event instanceof JsonObject e) || !(e.getValue("semantics") instanceof String)
          || !(e.getValue("name") instanceof String) || !e.containsKey("payload")) {
        return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Every event needs a string semantics, "
            + "a string name and a payload, not " + event + ". " + PUBLISH_EXPECTED));
      }
    }
    return publish(PublishRequests.of(events)).map(EventsPublished::toJson);
  }

  /** Publishes events already read into a request (the HTTP body's plain case, {@link PublishRequests#plain}). */
  Future<EventsPublished> publish(EventsPublish request) {
    return BusRequests.request(vertx, Addresses.EVENTS_PUBLISH, request, PUBLISH_TIMEOUT_MS);
  }

  private Future<Object> keys(JsonObject request) {
    return request(Addresses.EVENTS_KEYS, request, KEYS_TIMEOUT_MS);
  }

  private Future<Object> request(String address, JsonObject body, long timeoutMs) {
    return BusRequests.<Object>request(vertx, address, body, timeoutMs).map(EventPager::json);
  }

  private static String semantics(JsonObject params) {
    return required(params, "semantics", "the event semantics the key encrypts, e.g. com.example.orders");
  }

  private static String required(JsonObject params, String name, String what) {
    Object value = params.getValue(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Missing parameter '" + name + "': " + what);
    }
    return text;
  }

  private static JsonArray revoke(Object value) {
    if (value == null) {
      return new JsonArray();
    }
    if (value instanceof JsonArray ids && ids.stream().allMatch(id -> id instanceof String)) {
      return ids;
    }
    throw new AxException(ErrorCode.INVALID_INPUT, "revoke must be a list of node IDs, not " + value);
  }
}
