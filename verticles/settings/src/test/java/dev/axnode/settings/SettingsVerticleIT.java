package dev.axnode.settings;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.SwarmKey;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.MessageCodecs;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.SettingsSchemaRequest;
import dev.axnode.kernel.message.SettingsSet;
import dev.axnode.kernel.message.SettingsUnset;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class SettingsVerticleIT {

  private static final String DISPLAY_NAME = "com.actyx.os/general/displayName";

  @TempDir
  Path dataDir;

  @BeforeEach
  void codecs(Vertx vertx) {
    MessageCodecs.registerAll(vertx.eventBus());
  }

  private Future<String> deploy(Vertx vertx) {
    return vertx.deployVerticle(new SettingsVerticle(),
        new DeploymentOptions().setConfig(new JsonObject().put("dataDir", dataDir.toString()).put("name", "settings")));
  }

  private static Future<Object> request(Vertx vertx, String address, Object body) {
    return BusRequests.<JsonValue>request(vertx, address, body).map(JsonValue::value);
  }

  private static Future<Object> get(Vertx vertx, String scope) {
    return request(vertx, Addresses.SETTINGS_GET, new SettingsGet(scope, false));
  }

  private static Future<Object> set(Vertx vertx, String scope, Object value) {
    return request(vertx, Addresses.SETTINGS_SET, new SettingsSet(scope, value));
  }

  /** The typed failure of {@code request}, which must fail. */
  private static Future<AxException> failure(Future<?> request) {
    return request.transform(ar -> ar.succeeded()
        ? Future.failedFuture(new AssertionError("expected a failure, got " + ar.result()))
        : Future.succeededFuture(AxException.from(ar.cause())));
  }

  private static JsonObject general(Object os) {
    return ((JsonObject) os).getJsonObject("general");
  }

  @Test
  void rootHasDefaultsAndAGeneratedSwarmKey(Vertx vertx, VertxTestContext test) {
    deploy(vertx).compose(id -> get(vertx, ".")).onComplete(test.succeeding(root -> test.verify(() -> {
      JsonObject os = ((JsonObject) root).getJsonObject("com.actyx.os");
      assertEquals(List.of("com.actyx.os"), List.copyOf(((JsonObject) root).fieldNames()));
      assertEquals("Default Node", general(os).getString("displayName"));
      assertEquals(new JsonObject("{\"os\": \"INFO\", \"apps\": \"INFO\"}"), general(os).getJsonObject("logLevels"));
      assertEquals("default-topic", os.getJsonObject("services").getJsonObject("eventService").getString("topic"));
      SwarmKey.parse(general(os).getString("swarmKey"));
      test.completeNow();
    })));
  }

  @Test
  void setDisplayNameRoundTrip(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> set(vertx, DISPLAY_NAME, "Node 7"))
        .compose(reply -> {
          test.verify(() -> {
            assertEquals("Node 7", general(reply).getString("displayName"));
            assertEquals(new JsonArray(), general(reply).getJsonArray("authorizedKeys"));
            assertEquals(false, ((JsonObject) reply).getJsonObject("services").getJsonObject("eventService")
                .getBoolean("readOnly"));
          });
          return get(vertx, DISPLAY_NAME);
        })
        .onComplete(test.succeeding(name -> test.verify(() -> {
          assertEquals("Node 7", name);
          test.completeNow();
        })));
  }

  @Test
  void noDefaultsShowsOnlyWhatWasSet(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> failure(request(vertx, Addresses.SETTINGS_GET, new SettingsGet(DISPLAY_NAME, true))))
        .compose(notSet -> {
          test.verify(() -> assertEquals(ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE, notSet.code()));
          return set(vertx, "com.actyx.os/general/logLevels/apps", "DEBUG");
        })
        .compose(reply -> request(vertx, Addresses.SETTINGS_GET, new SettingsGet("com.actyx.os", true)))
        .onComplete(test.succeeding(os -> test.verify(() -> {
          assertEquals(List.of("general"), List.copyOf(((JsonObject) os).fieldNames()));
          assertEquals(List.of("swarmKey", "logLevels"), List.copyOf(general(os).fieldNames()));
          assertEquals(new JsonObject().put("apps", "DEBUG"), general(os).getJsonObject("logLevels"));
          test.completeNow();
        })));
  }

  @Test
  void schemaViolationsAreRefusedAndNothingIsStored(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> failure(set(vertx, DISPLAY_NAME, 5)))
        .compose(wrongType -> {
          test.verify(() -> {
            assertEquals(ErrorCode.SETTINGS_INVALID, wrongType.code());
            assertEquals("Validation failed at /general/displayName: expected string, got integer", wrongType.getMessage());
          });
          return failure(set(vertx, "com.actyx.os/general/colour", "blue"));
        })
        .compose(unknownKey -> {
          test.verify(() -> {
            assertEquals(ErrorCode.SETTINGS_INVALID, unknownKey.code());
            assertTrue(unknownKey.getMessage().startsWith("Validation failed at /general: unknown key 'colour'; "
                + "allowed keys: displayName,"), unknownKey.getMessage());
          });
          return failure(set(vertx, "com.actyx.os/general/authorizedKeys", new JsonArray().add("0abc=")));
        })
        .compose(badKey -> {
          test.verify(() -> {
            assertEquals(ErrorCode.SETTINGS_INVALID, badKey.code());
            assertEquals("Validation failed at /general/authorizedKeys/0: expected a 45-character public key "
                + "(0 followed by the base64 of an Ed25519 key), got \"0abc=\"", badKey.getMessage());
          });
          return failure(set(vertx, "com.actyx.os/general/requireAuthentication", true));
        })
        .compose(lockout -> {
          test.verify(() -> {
            assertEquals(ErrorCode.SETTINGS_INVALID, lockout.code());
            assertEquals(AuthenticationRule.TURNING_ON, lockout.getMessage());
          });
          return request(vertx, Addresses.SETTINGS_GET, new SettingsGet("com.actyx.os", true));
        })
        .onComplete(test.succeeding(os -> test.verify(() -> {
          assertEquals(List.of("swarmKey"), List.copyOf(general(os).fieldNames()));
          test.completeNow();
        })));
  }

  @Test
  void unknownScopeAndMissingValue(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> failure(get(vertx, "com.example/general")))
        .compose(unknown -> {
          test.verify(() -> {
            assertEquals(ErrorCode.SETTINGS_UNKNOWN_SCOPE, unknown.code());
            assertEquals("Unknown settings scope 'com.example'; known scopes: com.actyx.os", unknown.getMessage());
          });
          return failure(request(vertx, Addresses.SETTINGS_SCHEMA, new SettingsSchemaRequest("com.example")));
        })
        .compose(unknownSchema -> {
          test.verify(() -> assertEquals(ErrorCode.SETTINGS_UNKNOWN_SCOPE, unknownSchema.code()));
          return failure(get(vertx, "com.actyx.os/general/nothing"));
        })
        .onComplete(test.succeeding(missing -> test.verify(() -> {
          assertEquals(ErrorCode.SETTINGS_NOT_FOUND_AT_SCOPE, missing.code());
          assertEquals("No settings found at scope 'com.actyx.os/general/nothing'", missing.getMessage());
          test.completeNow();
        })));
  }

  @Test
  void badRequestsAreRefusedAndTheVerticleGoesOn(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> failure(request(vertx, Addresses.SETTINGS_GET, "com.actyx.os")))
        .compose(wrongBody -> {
          test.verify(() -> assertEquals(ErrorCode.INVALID_INPUT, wrongBody.code()));
          return failure(get(vertx, "com.actyx.os//general"));
        })
        .compose(badScope -> {
          test.verify(() -> assertEquals(ErrorCode.INVALID_INPUT, badScope.code()));
          return failure(request(vertx, Addresses.SETTINGS_SET, new SettingsSet(null, "x")));
        })
        .compose(noScope -> {
          test.verify(() -> assertEquals(ErrorCode.INVALID_INPUT, noScope.code()));
          return failure(set(vertx, DISPLAY_NAME + "/deeper", "x"));
        })
        .compose(belowAValue -> {
          test.verify(() -> assertEquals(ErrorCode.SETTINGS_INVALID, belowAValue.code()));
          return get(vertx, DISPLAY_NAME);
        })
        .onComplete(test.succeeding(name -> test.verify(() -> {
          assertEquals("Default Node", name);
          test.completeNow();
        })));
  }

  @Test
  void schemaAndScopes(Vertx vertx, VertxTestContext test) {
    deploy(vertx)
        .compose(id -> request(vertx, Addresses.SETTINGS_SCOPES, null))
        .compose(scopes -> {
          test.verify(() -> assertEquals(new JsonArray().add("com.actyx.os"), scopes));
          return request(vertx, Addresses.SETTINGS_SCHEMA, new SettingsSchemaRequest("com.actyx.os"));
        })
        .compose(schema -> {
          test.verify(() -> assertEquals("https://json-schema.org/draft/2020-12/schema",
              ((JsonObject) schema).getString("$schema")));
          return request(vertx, Addresses.SETTINGS_SCHEMA, new SettingsSchemaRequest("."));
        })
        .onComplete(test.succeeding(root -> test.verify(() -> {
          assertEquals(List.of("com.actyx.os"), List.copyOf(((JsonObject) root).fieldNames()));
          test.completeNow();
        })));
  }

  @Test
  void changesAreAnnounced(Vertx vertx, VertxTestContext test) {
    Checkpoint announced = test.checkpoint(2);
    List<SettingsChanged> changes = new ArrayList<>();
    vertx.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, message -> {
      changes.add(message.body());
      if (changes.size() == 2) {
        test.verify(() -> {
          assertEquals(DISPLAY_NAME, changes.get(0).scope());
          assertEquals("Announced", general(changes.get(0).settings().getJsonObject("com.actyx.os"))
              .getString("displayName"));
          assertEquals(DISPLAY_NAME, changes.get(1).scope());
          assertEquals("Default Node", general(changes.get(1).settings().getJsonObject("com.actyx.os"))
              .getString("displayName"));
        });
      }
      announced.flag();
    }).completion()
        .compose(v -> deploy(vertx))
        .compose(id -> set(vertx, DISPLAY_NAME, "Announced"))
        .compose(reply -> request(vertx, Addresses.SETTINGS_UNSET, new SettingsUnset(DISPLAY_NAME)))
        .onComplete(test.succeeding(reply -> test.verify(() -> assertNull(reply))));
  }

  @Test
  void settingsSurviveARedeploy(Vertx vertx, VertxTestContext test) {
    List<Object> swarmKeys = new ArrayList<>();
    deploy(vertx)
        .compose(id -> get(vertx, "com.actyx.os/general/swarmKey").map(key -> swarmKeys.add(key)).map(id))
        .compose(id -> set(vertx, DISPLAY_NAME, "Persistent").map(id))
        .compose(vertx::undeploy)
        .compose(v -> {
          test.verify(() -> assertTrue(readFile().contains("Persistent")));
          return deploy(vertx);
        })
        .compose(id -> get(vertx, "com.actyx.os/general/swarmKey").map(key -> swarmKeys.add(key)))
        .compose(added -> get(vertx, DISPLAY_NAME))
        .onComplete(test.succeeding(name -> test.verify(() -> {
          assertEquals("Persistent", name);
          assertEquals(swarmKeys.get(0), swarmKeys.get(1));
          test.completeNow();
        })));
  }

  @Test
  void corruptFileFailsTheDeployAndIsLeftAlone(Vertx vertx, VertxTestContext test) throws Exception {
    Path file = dataDir.resolve("settings.json");
    byte[] corrupt = "{\"com.actyx.os\": {\"general\": ".getBytes(StandardCharsets.UTF_8);
    Files.write(file, corrupt);
    failure(deploy(vertx)).onComplete(test.succeeding(e -> test.verify(() -> {
      assertEquals(ErrorCode.SETTINGS_INVALID, e.code());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertArrayEquals(corrupt, Files.readAllBytes(file));
      test.completeNow();
    })));
  }

  @Test
  void twoInstancesSideBySideLoseNoWrite(Vertx vertx, VertxTestContext test) {
    int rounds = 12;
    Future<Void> chain = deploy(vertx).compose(id -> deploy(vertx)).mapEmpty();
    for (int round = 0; round < rounds; round++) {
      int r = round;
      chain = chain.compose(v -> Future.all(RoundOfWrites.writes(r).entrySet().stream()
              .map(write -> set(vertx, write.getKey(), write.getValue())).toList()))
          .compose(v -> request(vertx, Addresses.SETTINGS_GET, new SettingsGet("com.actyx.os", true)))
          .map(os -> {
            test.verify(() -> RoundOfWrites.assertAllPresent(r, (JsonObject) os));
            return null;
          });
    }
    chain.onComplete(test.succeeding(v -> test.verify(() -> {
      JsonObject onDisk = new JsonObject(readFile()).getJsonObject("com.actyx.os");
      RoundOfWrites.assertAllPresent(rounds - 1, onDisk);
      test.completeNow();
    })));
  }

  @Test
  void undeployingOneInstanceWhileRequestsStreamAnswersEveryRequest(Vertx vertx, VertxTestContext test) {
    int perPhase = 150;
    deploy(vertx).compose(first -> deploy(vertx).map(first)).compose(first -> {
      List<Future<Object>> answers = new ArrayList<>();
      for (int i = 0; i < perPhase; i++) {
        answers.add(i % 2 == 0 ? set(vertx, DISPLAY_NAME, "before-" + i) : get(vertx, DISPLAY_NAME));
      }
      Future<Void> undeployed = vertx.undeploy(first);
      for (int i = 0; i < perPhase; i++) {
        answers.add(i % 2 == 0 ? set(vertx, DISPLAY_NAME, "after-" + i) : get(vertx, "."));
      }
      return undeployed.compose(v -> Future.all(answers)).map(all -> answers.size());
    }).compose(answered -> {
      test.verify(() -> assertEquals(2 * perPhase, answered));
      return set(vertx, DISPLAY_NAME, "last");
    }).compose(reply -> get(vertx, DISPLAY_NAME)).onComplete(test.succeeding(name -> test.verify(() -> {
      assertEquals("last", name);
      assertFalse(readFile().isEmpty());
      test.completeNow();
    })));
  }

  private String readFile() {
    try {
      return Files.readString(dataDir.resolve("settings.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
