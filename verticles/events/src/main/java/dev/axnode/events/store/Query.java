package dev.axnode.events.store;

import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.OffsetMap;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * One page request of {@code ax.events.query}: bounds (lower exclusive, upper inclusive), a
 * filter, an order, a page size and where the previous page ended. The cursor is opaque to
 * clients: base64 of {@code {"o":order,"k":[lamport,source,offset],"u":{upperBound}}}, so
 * every page of one query reads up to the same upper bound.
 */
record Query(OffsetMap lowerBound, OffsetMap upperBound, String semantics, String name, String source,
             Order order, int limit, Key after) {

  enum Order { LAMPORT, REVERSE, SOURCE }

  /** The sort key of the last event a page returned. */
  record Key(long lamport, String source, long offset) {
  }

  /** Parses a request; {@code present} is the default upper bound of a first page. */
  static Query parse(JsonObject request, OffsetMap present) {
    try {
      JsonObject filter = request.getJsonObject("filter", new JsonObject());
      Order order = order(request.getString("order", "lamport"));
      int limit = request.getInteger("limit", EventLimits.MAX_PAGE);
      if (limit < 1 || limit > EventLimits.MAX_PAGE) {
        throw invalid("limit is " + limit + "; a page holds 1 to " + EventLimits.MAX_PAGE + " events");
      }
      OffsetMap lower = OffsetMap.fromJson(request.getJsonObject("lowerBound"));
      OffsetMap upper = request.containsKey("upperBound") ? OffsetMap.fromJson(request.getJsonObject("upperBound")) : present;
      Key after = null;
      String cursor = request.getString("after");
      if (cursor != null) {
        JsonObject decoded = decode(cursor);
        if (!order.name().equals(decoded.getString("o"))) {
          throw invalid("the cursor belongs to a query in " + decoded.getString("o") + " order, not " + order);
        }
        JsonArray key = decoded.getJsonArray("k");
        after = new Key(key.getLong(0), key.getString(1), key.getLong(2));
        upper = OffsetMap.fromJson(decoded.getJsonObject("u"));
      }
      return new Query(lower, upper, filter.getString("semantics"), filter.getString("name"),
          filter.getString("source"), order, limit, after);
    } catch (ClassCastException | IllegalArgumentException | NullPointerException | IndexOutOfBoundsException e) {
      throw invalid("a query takes lowerBound/upperBound as {source: offset}, filter {semantics, name, source},"
          + " order lamport|reverse|source, limit, after: " + e.getMessage());
    }
  }

  /** The cursor that continues after {@code key}. */
  String cursorAfter(Key key) {
    JsonObject json = new JsonObject().put("o", order.name())
        .put("k", new JsonArray().add(key.lamport()).add(key.source()).add(key.offset()))
        .put("u", upperBound.toJson());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decode(String cursor) {
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw invalid("\"after\" is not a cursor this node gave out");
    }
  }

  private static Order order(String text) {
    try {
      return Order.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("order is \"" + text + "\"; one of lamport, reverse, source");
    }
  }

  private static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }
}
