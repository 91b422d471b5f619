package dev.axnode.events.store;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.EventsPublish;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The payload bytes of a publish: exactly Json.encode of each value as UTF-8, however many share one request. */
class NewEventTest {

  @Test
  void payloadsAreTheirJsonTextInUtf8OneByOne() {
    List<Object> values = List.of(
        new JsonObject().put("i", 1).put("value", 20.5).put("unit", "celsius"),
        "Grüße, 東京 🚀 \"quoted\" \\ \n\t\u0001",
        new JsonArray().add(1).add((Object) null).add(true).add(new JsonObject()),
        -0.0, Long.MAX_VALUE, 1e300, "", new JsonObject().put("nested", new JsonObject().put("a", new JsonArray())));
    JsonArray events = new JsonArray();
    for (Object value : values) {
      events.add(new JsonObject().put("semantics", "s").put("name", "n").put("payload", value));
    }
    events.add(new JsonObject().put("semantics", "s").put("name", "n").putNull("payload"));
    List<NewEvent> parsed = NewEvent.parse(events, false);
    assertEquals(values.size() + 1, parsed.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(Json.encode(values.get(i)), new String(parsed.get(i).payload(), StandardCharsets.UTF_8), "event " + i);
    }
    assertEquals("null", new String(parsed.get(values.size()).payload(), StandardCharsets.UTF_8));
  }

  @Test
  void aLoneSurrogateIsKeptAsAJsonEscapeNotLost() {
    JsonArray events = new JsonArray()
        .add(new JsonObject().put("semantics", "s").put("name", "n").put("payload", "half a pair \ud800"));
    String text = new String(NewEvent.parse(events, false).get(0).payload(), StandardCharsets.UTF_8);
    assertEquals("half a pair \ud800", Json.decodeValue(text), text);
  }

  @Test
  void aTypedRequestWhosePayloadIsNotJsonIsRefusedBeforeAnythingIsStored() {
    byte[] notJson = "{\"open\": ".getBytes(StandardCharsets.UTF_8);
    EventsPublish request = new EventsPublish(List.of(
        new EventsPublish.Event("s", "n", "1".getBytes(StandardCharsets.UTF_8)),
        new EventsPublish.Event("s", "n", notJson)));
    AxException refused = assertThrows(AxException.class, () -> NewEvent.of(request));
    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
    assertEquals("event 1: the payload is not one strict JSON value in UTF-8", refused.getMessage());
  }
}
