package dev.axnode.events;

import io.vertx.core.json.JsonObject;

/** The {@code com.actyx.os/services/eventService} section: the topic and whether publishing is refused. */
record EventsSettings(String topic, boolean readOnly) {

  static final String SCOPE = "com.actyx.os/services/eventService";
  static final String DEFAULT_TOPIC = "default-topic";

  /** From the section itself ({@code {"topic":…,"readOnly":…}}); absent fields take the defaults. */
  static EventsSettings of(JsonObject section) {
    JsonObject s = section == null ? new JsonObject() : section;
    return new EventsSettings(s.getString("topic", DEFAULT_TOPIC), s.getBoolean("readOnly", false));
  }

  /** From a whole settings tree ({@code {"com.actyx.os":{…}}}) as SETTINGS_CHANGED carries it. */
  static EventsSettings ofTree(JsonObject tree) {
    JsonObject services = tree.getJsonObject("com.actyx.os", new JsonObject()).getJsonObject("services", new JsonObject());
    return of(services.getJsonObject("eventService"));
  }
}
