package dev.axnode.yamux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class YamuxConfigTest {

  @Test
  void jsonRoundTripAndDefaults() {
    YamuxConfig c = new YamuxConfig().maxInboundStreams(5).maxFramePayload(16 * 1024);
    JsonObject json = c.toJson();
    assertEquals(json, new YamuxConfig(json).toJson());
    assertEquals(1000, new YamuxConfig(new JsonObject()).maxInboundStreams());
    assertEquals(256 * 1024, new YamuxConfig().initialStreamWindow());
    assertEquals(16 * 1024 * 1024, new YamuxConfig().maxStreamWindow());
  }

  @Test
  void inconsistentSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().initialStreamWindow(1000).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxStreamWindow(128 * 1024).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxFramePayload(100).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxSendQueue(1).validate());
  }
}
