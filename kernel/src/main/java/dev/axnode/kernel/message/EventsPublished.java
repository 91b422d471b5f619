package dev.axnode.kernel.message;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an {@link EventsPublish}: where each event was stored, in the request's
 * order, all of them from {@code source} (the node). Its JSON form {@link #toJson()} is the
 * API's publish result {@code {"data": [{stream, offset, lamport, timestamp}]}}.
 */
public record EventsPublished(String source, List<Stored> events) {

  public EventsPublished {
    events = List.copyOf(events);
  }

  /** One stored event: its tags and its place in the node's stream. */
  public record Stored(String semantics, String name, long offset, long lamport, long timestamp) {
  }

  /** {@code {"data": [{"stream": {semantics, name, source}, offset, lamport, timestamp}]}}. */
  public JsonObject toJson() {
    JsonArray data = new JsonArray(new ArrayList<>(events.size()));
    for (Stored e : events) {
      data.add(new JsonObject()
          .put("stream", new JsonObject().put("semantics", e.semantics()).put("name", e.name()).put("source", source))
          .put("offset", e.offset()).put("lamport", e.lamport()).put("timestamp", e.timestamp()));
    }
    return new JsonObject().put("data", data);
  }

  /** Wire form: {@link #toJson()}, with the source also on its own (an answer may hold no event). */
  public static final class Codec extends JsonMessageCodec<EventsPublished> {
    public Codec() {
      super("ax.EventsPublished");
    }

    @Override
    protected JsonObject toJson(EventsPublished m) {
      return m.toJson().put("source", m.source());
    }

    @Override
    protected EventsPublished fromJson(JsonObject json) {
      JsonArray data = json.getJsonArray("data");
      List<Stored> events = new ArrayList<>(data.size());
      for (int i = 0; i < data.size(); i++) {
        JsonObject e = data.getJsonObject(i);
        JsonObject stream = e.getJsonObject("stream");
        events.add(new Stored(stream.getString("semantics"), stream.getString("name"), e.getLong("offset"),
            e.getLong("lamport"), e.getLong("timestamp")));
      }
      return new EventsPublished(json.getString("source"), events);
    }
  }
}
