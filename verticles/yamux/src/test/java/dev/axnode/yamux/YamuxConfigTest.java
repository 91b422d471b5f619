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
    assertEquals(256, new YamuxConfig(new JsonObject()).maxInboundStreams());
    assertEquals(32L * 1024 * 1024, new YamuxConfig().maxSessionWindow());
    assertEquals(16 * 1024 * 1024, new YamuxConfig().maxSendWindow());
    assertEquals(64 * 1024, new YamuxConfig().maxControlBacklog());
    YamuxConfig limits = new YamuxConfig().maxStreamOpensPerSecond(3).streamOpenBurst(4)
        .maxPingsPerSecond(5).pingBurst(6).maxControlBacklog(1200).maxSendWindow(512 * 1024);
    assertEquals(limits.toJson(), new YamuxConfig(limits.toJson()).toJson());
    assertEquals(limits.toJson(), new YamuxConfig(limits).toJson());
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
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxSendWindow(1024).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxControlBacklog(11).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().maxStreamOpensPerSecond(0).validate());
    assertThrows(IllegalArgumentException.class,
        () -> new YamuxConfig().pingBurst(0).validate());
  }
}
