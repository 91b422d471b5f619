package dev.axnode.settings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Base64;

/** Named test values: client public keys in their text form, and settings trees. */
final class Fixtures {

  private Fixtures() {
  }

  /** A well-formed client public key: {@code 0} and the base64 of 32 bytes, all equal to {@code fill}. */
  static String clientKey(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return "0" + Base64.getEncoder().encodeToString(key);
  }

  static final String ALICE = clientKey(1);
  static final String BOB = clientKey(2);

  /** A stored tree with {@code os} as its {@code com.actyx.os} object. */
  static JsonObject stored(JsonObject os) {
    return new JsonObject().put(SettingsModel.OS, os);
  }

  static JsonObject general(JsonObject general) {
    return stored(new JsonObject().put("general", general));
  }

  static JsonArray keys(String... keys) {
    JsonArray array = new JsonArray();
    for (String key : keys) {
      array.add(key);
    }
    return array;
  }
}
