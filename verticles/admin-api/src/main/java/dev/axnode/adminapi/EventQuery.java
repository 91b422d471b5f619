package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;

/**
 * The params of {@code events.query} and {@code events.subscribe}, checked before anything
 * is sent to the events verticle: bounds are offset maps {@code {source: offset}} (integers
 * ≥ 0), the filter has only string fields {@code semantics}, {@code name}, {@code source},
 * the order is {@code lamport} (default), {@code reverse} (query only) or {@code source}.
 *
 * @param lowerBound exclusive, empty for "from the start"
 * @param upperBound inclusive, null for "what the node holds when the query starts"
 * @param filter     the tags to match, empty for all
 * @param order      the order of the events
 */
record EventQuery(JsonObject lowerBound, JsonObject upperBound, JsonObject filter, String order) {

  static final Set<String> ORDERS = Set.of("lamport", "reverse", "source");
  private static final Set<String> FILTER_FIELDS = Set.of("semantics", "name", "source");

  /** Reads and checks the params; {@code subscribe}: an upper bound and reverse order make no sense. */
  static EventQuery of(JsonObject params, boolean subscribe) {
    JsonObject p = params == null ? new JsonObject() : params;
    JsonObject lower = offsets(p, "lowerBound");
    JsonObject upper = subscribe ? null : offsets(p, "upperBound");
    JsonObject filter = filter(p.getValue("filter"));
    Object order = p.getValue("order", "lamport");
    if (!(order instanceof String text) || !ORDERS.contains(text)) {
      throw invalid("order must be one of lamport, reverse, source, not " + order);
    }
    if (subscribe && text.equals("reverse")) {
      throw invalid("A subscription delivers events as they come: order lamport or source, not reverse");
    }
    return new EventQuery(lower == null ? new JsonObject() : lower, upper, filter, text);
  }

  /** The request to {@code ax.events.query} for one page of at most {@code limit} events. */
  JsonObject page(JsonObject lower, JsonObject upper, Object after, int limit) {
    JsonObject request = new JsonObject().put("lowerBound", lower).put("filter", filter).put("order", order)
        .put("limit", limit);
    if (upper != null) {
      request.put("upperBound", upper);
    }
    if (after != null) {
      request.put("after", after);
    }
    return request;
  }

  private static JsonObject offsets(JsonObject params, String key) {
    Object value = params.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject map)) {
      throw invalid(key + " must be an object {source: offset}, not " + value);
    }
    for (Map.Entry<String, Object> entry : map) {
      if (!(entry.getValue() instanceof Number n) || n.longValue() < 0 || n.doubleValue() != n.longValue()) {
        throw invalid(key + ": the offset of " + entry.getKey() + " must be an integer ≥ 0, not " + entry.getValue());
      }
    }
    return map;
  }

  private static JsonObject filter(Object value) {
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject filter)) {
      throw invalid("filter must be an object {semantics, name, source}, not " + value);
    }
    for (Map.Entry<String, Object> entry : filter) {
      if (!FILTER_FIELDS.contains(entry.getKey())) {
        throw invalid("filter knows semantics, name and source, not " + entry.getKey());
      }
      if (!(entry.getValue() instanceof String)) {
        throw invalid("filter." + entry.getKey() + " must be a string, not " + entry.getValue());
      }
    }
    return filter;
  }

  private static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }
}
