package dev.axnode.events.store;

import dev.axnode.events.keys.PayloadKeys;
import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply to one query page: {@code {"events":[…],"next":cursor|null,"upperBound":{…}}}.
 * Sealed payloads are opened through the {@link PayloadKeys}; one this node cannot open
 * shows {@code "sealed":{"keyEpoch":n}} instead of a payload. {@code upperBound} (the fixed
 * bound of the whole query) lets a subscriber continue from it once the last page is read.
 */
final class QueryPage {

  private QueryPage() {
  }

  static Future<JsonObject> build(Query query, List<StoredEvent> rows, PayloadKeys keys) {
    int size = pageSize(rows, query.limit());
    boolean more = rows.size() > size;
    List<StoredEvent> page = rows.subList(0, size);
    List<StoredEvent> sealed = page.stream().filter(StoredEvent::encrypted).toList();
    Future<List<byte[]>> opened = sealed.isEmpty() ? Future.succeededFuture(List.of()) : keys.open(sealed);
    return opened.map(plaintexts -> {
      Map<StoredEvent, byte[]> plain = new IdentityHashMap<>();
      for (int i = 0; i < sealed.size(); i++) {
        plain.put(sealed.get(i), plaintexts.get(i));
      }
      JsonArray events = new JsonArray(new ArrayList<>(page.size()));
      for (StoredEvent e : page) {
        events.add(toJson(e, e.encrypted() ? plain.get(e) : e.payload()));
      }
      String next = null;
      if (more) {
        StoredEvent last = page.get(page.size() - 1);
        next = query.cursorAfter(new Query.Key(last.lamport(), last.source(), last.offset()));
      }
      return new JsonObject().put("events", events).put("next", next).put("upperBound", query.upperBound().toJson());
    });
  }

  /** How many of {@code rows} the page takes: at most {@code limit}, and payloads within {@link EventLimits#MAX_PAGE_BYTES}. */
  static int pageSize(List<StoredEvent> rows, int limit) {
    long bytes = 0;
    int size = 0;
    while (size < rows.size() && size < limit) {
      bytes += rows.get(size).payload().length;
      if (size > 0 && bytes > EventLimits.MAX_PAGE_BYTES) {
        break;
      }
      size++;
    }
    return size;
  }

  /** An event of the API; {@code payload} is its JSON text, or null when it stays sealed. */
  static JsonObject toJson(StoredEvent e, byte[] payload) {
    JsonObject json = new JsonObject()
        .put("stream", new JsonObject().put("semantics", e.semantics()).put("name", e.name()).put("source", e.source()))
        .put("offset", e.offset()).put("lamport", e.lamport()).put("timestamp", e.timestamp());
    if (payload == null) {
      json.put("sealed", new JsonObject().put("keyEpoch", e.keyEpoch()));
    } else {
      json.put("payload", Json.decodeValue(new String(payload, StandardCharsets.UTF_8)));
    }
    return json;
  }
}
