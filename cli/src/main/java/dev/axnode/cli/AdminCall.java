package dev.axnode.cli;

import io.vertx.core.json.JsonObject;

/** One request of {@code /ax/admin/1.0.0}: a method name and its parameters. */
record AdminCall(String method, JsonObject params) {

  /** The request frame's JSON: {@code {"id":…,"method":…,"params":{…}}}. */
  JsonObject toJson(long id) {
    return new JsonObject().put("id", id).put("method", method).put("params", params);
  }
}
