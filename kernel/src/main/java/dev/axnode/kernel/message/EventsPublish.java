package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A publish request to the events verticle ({@code ax.events.publish}): events in the order
 * they are to be stored, each with its payload already written as UTF-8 JSON text. The
 * verticle checks them (tags, sizes, reserved semantics) and answers {@link EventsPublished}
 * once they are durable; the JSON request {@code {"events": [...]}} stays accepted too.
 *
 * <p>Ownership: the sender hands the payload arrays over with the message and never writes
 * them again, so a local receiver gets the same instance, no copy. That is the point of this
 * type: a batch of 100 events sent as a {@code JsonObject} was deep-copied by Vert.x on the
 * local bus, which profiling showed to be the largest cost of publishing over HTTP.
 */
public record EventsPublish(List<Event> events) {

  public EventsPublish {
    events = List.copyOf(events);
  }

  /** One event: its tags and its payload as UTF-8 JSON text (owned by the message, see above). */
  public record Event(String semantics, String name, byte[] payload) {
  }

  /** Wire form {@code {"events":[{"semantics":…,"name":…,"payload":"<base64 of the JSON text>"}]}}. */
  public static final class Codec extends JsonMessageCodec<EventsPublish> {
    public Codec() {
      super("ax.EventsPublish");
    }

    @Override
    protected JsonObject toJson(EventsPublish m) {
      JsonArray events = new JsonArray(new ArrayList<>(m.events().size()));
      for (Event e : m.events()) {
        events.add(new JsonObject().put("semantics", e.semantics()).put("name", e.name()).put("payload", e.payload()));
      }
      return new JsonObject().put("events", events);
    }

    @Override
    protected EventsPublish fromJson(JsonObject json) {
      JsonArray array = json.getJsonArray("events");
      List<Event> events = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        JsonObject e = array.getJsonObject(i);
        events.add(new Event(e.getString("semantics"), e.getString("name"), e.getBinary("payload")));
      }
      return new EventsPublish(events);
    }
  }
}
