package dev.axnode.events.store;

import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.JsonText;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.EventsPublish;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of a publish request, checked: its tags and its payload as UTF-8 JSON text
 * (encoded once, here, with Vert.x's JSON codec: the same text as {@code Json.encode}, but
 * written as UTF-8 by one generator per request, which profiling showed to cost half of
 * encoding each payload to a String first). A sealed payload grows by {@link #SEAL_OVERHEAD}, so the text must
 * leave room for it whatever the family.
 */
public record NewEvent(String semantics, String name, byte[] payload) {

  /** The 12-byte nonce and 16-byte tag of a sealed payload. */
  public static final int SEAL_OVERHEAD = 28;
  /** Semantics reserved for the node itself (key grants). */
  public static final String RESERVED_PREFIX = "ax.";
  /** Characters beyond the BMP as their four UTF-8 bytes, as Json.encode gives them, not as escaped surrogate pairs. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  /**
   * The events of a publish request's {@code events} array; ERR_INVALID_INPUT, naming the
   * event and the rule, for anything else. {@code allowReserved}: the node's own events of
   * {@code ax.} semantics (key grants), never a user's.
   */
  public static List<NewEvent> parse(JsonArray events, boolean allowReserved) {
    checkCount(events == null ? 0 : events.size());
    List<NewEvent> parsed = new ArrayList<>(events.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      // Payloads are written one after the other as root values: nothing between them.
      json.setRootValueSeparator(null);
      for (int i = 0; i < events.size(); i++) {
        if (!(events.getValue(i) instanceof JsonObject event)) {
          throw invalid("event " + i + " is not an object {semantics, name, payload}");
        }
        parsed.add(of(i, event, allowReserved, json, out));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return parsed;
  }

  /**
   * The events of a publish request whose payloads are already written as JSON text
   * ({@link EventsPublish}), checked by the same rules and messages as {@link #parse}; never
   * of reserved semantics (only the node's own events are, and those come as JSON).
   */
  public static List<NewEvent> of(EventsPublish request) {
    List<EventsPublish.Event> events = request.events();
    checkCount(events.size());
    List<NewEvent> checked = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      EventsPublish.Event e = events.get(i);
      String semantics = tag(i, e.semantics(), "semantics");
      String name = tag(i, e.name(), "name");
      checkReserved(i, semantics, false);
      if (e.payload() == null) {
        throw invalid("event " + i + " has no payload (any JSON value, null included)");
      }
      checkPayload(i, e.payload());
      checked.add(new NewEvent(semantics, name, e.payload()));
    }
    return checked;
  }

  private static void checkCount(int count) {
    if (count == 0) {
      throw invalid("a publish needs a non-empty array of events {semantics, name, payload}");
    }
    if (count > EventLimits.MAX_BATCH) {
      throw invalid("a publish of " + count + " events; at most " + EventLimits.MAX_BATCH + " at once");
    }
  }

  private static void checkReserved(int index, String semantics, boolean allowReserved) {
    if (!allowReserved && semantics.startsWith(RESERVED_PREFIX)) {
      throw invalid("event " + index + ": semantics beginning \"" + RESERVED_PREFIX + "\" are reserved for the node");
    }
  }

  /**
   * The size limit, and for payloads that arrive as text (a typed request from any bus
   * sender) that they are one strict JSON value: every receiver checks that of a replicated
   * plain payload ({@link JsonText}), so a block holding anything else would be refused by
   * every peer.
   */
  private static void checkPayload(int index, byte[] payload) {
    if (payload.length > EventLimits.MAX_PAYLOAD_BYTES - SEAL_OVERHEAD) {
      throw invalid("event " + index + " has a payload of " + payload.length + " bytes of JSON; at most "
          + (EventLimits.MAX_PAYLOAD_BYTES - SEAL_OVERHEAD));
    }
    if (!JsonText.isValid(payload)) {
      throw invalid("event " + index + ": the payload is not one strict JSON value in UTF-8");
    }
  }

  private static NewEvent of(int index, JsonObject event, boolean allowReserved, JsonGenerator json,
                             ByteArrayOutputStream out) {
    String semantics = tag(index, event.getValue("semantics"), "semantics");
    String name = tag(index, event.getValue("name"), "name");
    checkReserved(index, semantics, allowReserved);
    if (!event.containsKey("payload")) {
      throw invalid("event " + index + " has no payload (any JSON value, null included)");
    }
    try {
      JacksonCodec.encodeJson(event.getValue("payload"), json);
      json.flush();
    } catch (EncodeException | IOException e) {
      throw invalid("event " + index + ": the payload cannot be written as UTF-8 JSON text (" + e.getMessage() + ")");
    }
    byte[] payload = out.toByteArray();
    out.reset();
    checkPayload(index, payload);
    return new NewEvent(semantics, name, payload);
  }

  private static String tag(int index, Object value, String field) {
    if (!(value instanceof String text) || text.isEmpty()) {
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
