package dev.axnode.events.store;

import dev.axnode.events.model.EventLimits;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of a publish request, checked: its tags and its payload as UTF-8 JSON text
 * (encoded once, here). A sealed payload grows by {@link #SEAL_OVERHEAD}, so the text must
 * leave room for it whatever the family.
 */
public record NewEvent(String semantics, String name, byte[] payload) {

  /** The 12-byte nonce and 16-byte tag of a sealed payload. */
  public static final int SEAL_OVERHEAD = 28;
  /** Semantics reserved for the node itself (key grants). */
  public static final String RESERVED_PREFIX = "ax.";

  /**
   * The events of a publish request's {@code events} array; ERR_INVALID_INPUT, naming the
   * event and the rule, for anything else. {@code allowReserved}: the node's own events of
   * {@code ax.} semantics (key grants), never a user's.
   */
  public static List<NewEvent> parse(JsonArray events, boolean allowReserved) {
    if (events == null || events.isEmpty()) {
      throw invalid("a publish needs a non-empty array of events {semantics, name, payload}");
    }
    if (events.size() > EventLimits.MAX_BATCH) {
      throw invalid("a publish of " + events.size() + " events; at most " + EventLimits.MAX_BATCH + " at once");
    }
    List<NewEvent> parsed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (!(events.getValue(i) instanceof JsonObject event)) {
        throw invalid("event " + i + " is not an object {semantics, name, payload}");
      }
      parsed.add(of(i, event, allowReserved));
    }
    return parsed;
  }

  private static NewEvent of(int index, JsonObject event, boolean allowReserved) {
    String semantics = tag(index, event, "semantics");
    String name = tag(index, event, "name");
    if (!allowReserved && semantics.startsWith(RESERVED_PREFIX)) {
      throw invalid("event " + index + ": semantics beginning \"" + RESERVED_PREFIX + "\" are reserved for the node");
    }
    if (!event.containsKey("payload")) {
      throw invalid("event " + index + " has no payload (any JSON value, null included)");
    }
    byte[] payload = Json.encode(event.getValue("payload")).getBytes(StandardCharsets.UTF_8);
    if (payload.length > EventLimits.MAX_PAYLOAD_BYTES - SEAL_OVERHEAD) {
      throw invalid("event " + index + " has a payload of " + payload.length + " bytes of JSON; at most "
          + (EventLimits.MAX_PAYLOAD_BYTES - SEAL_OVERHEAD));
    }
    return new NewEvent(semantics, name, payload);
  }

  private static String tag(int index, JsonObject event, String field) {
    if (!(event.getValue(field) instanceof String text) || text.isEmpty()) {
      throw invalid("event " + index + " needs a non-empty string \"" + field + "\"");
    }
    if (Blocks.utf8Length(text) > EventLimits.MAX_TAG_BYTES) {
      throw invalid("event " + index + ": " + field + " has more than " + EventLimits.MAX_TAG_BYTES + " bytes");
    }
    return text;
  }

  private static AxException invalid(String message) {
    return new AxException(ErrorCode.INVALID_INPUT, message);
  }
}
