package dev.axnode.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One set per settings key, each with a value that names its round: issued concurrently,
 * every one of them must be found afterwards.
 */
final class RoundOfWrites {

  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

  private RoundOfWrites() {
  }

  /** Scope → value for round {@code r}. */
  static Map<String, Object> writes(int r) {
    Map<String, Object> writes = new LinkedHashMap<>();
    writes.put("com.actyx.os/general/displayName", "node-" + r);
    writes.put("com.actyx.os/general/bootstrapNodes", new JsonArray().add("/dns4/boot-" + r + "/tcp/4001"));
    writes.put("com.actyx.os/general/announceAddresses", new JsonArray().add("/ip4/10.0.0." + r + "/tcp/4001"));
    writes.put("com.actyx.os/general/authorizedKeys", new JsonArray().add(Fixtures.clientKey(r)));
    writes.put("com.actyx.os/general/logLevels/os", LEVELS.get(r % LEVELS.size()));
    writes.put("com.actyx.os/general/logLevels/apps", LEVELS.get((r + 1) % LEVELS.size()));
    writes.put("com.actyx.os/services/eventService/topic", "topic-" + r);
    writes.put("com.actyx.os/services/eventService/readOnly", r % 2 == 0);
    return writes;
  }

  /** Every write of round {@code r} is in {@code os}, the stored {@code com.actyx.os} object. */
  static void assertAllPresent(int r, JsonObject os) {
    writes(r).forEach((scope, value) -> {
      List<String> path = Scope.parse(scope).path();
      assertEquals(value, SettingsTree.find(os, path).orElse(null), "lost write to " + scope + " in round " + r);
    });
  }
}
