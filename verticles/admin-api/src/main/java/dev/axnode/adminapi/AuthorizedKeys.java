package dev.axnode.adminapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Set;

/**
 * The secure API's authorization: {@code com.actyx.os/general/authorizedKeys} as it is now.
 * Empty means every client that completes the handshake may call; otherwise only the listed
 * client keys ({@code 0} ‖ base64 of the Ed25519 public key). Checked per request, so a
 * change applies at once, on open connections too.
 */
final class AuthorizedKeys {

  static final String REFUSED = "Provided key is not authorized to access the API.";

  private volatile Set<String> keys = Set.of();

  /** Updates from a settings tree ({@code {"com.actyx.os": …}} with defaults). */
  void update(JsonObject settings) {
    JsonArray list = settings.getJsonObject("com.actyx.os", new JsonObject())
        .getJsonObject("general", new JsonObject())
        .getJsonArray("authorizedKeys", new JsonArray());
    Set<String> next = new HashSet<>();
    for (Object key : list) {
      if (key instanceof String text) {
        next.add(text);
      }
    }
    keys = Set.copyOf(next);
  }

  /** Whether {@code clientKey} is listed in a non-empty authorizedKeys (an explicit grant, as code upload needs). */
  boolean explicitlyAuthorizes(String clientKey) {
    return keys.contains(clientKey);
  }

  boolean allows(String clientKey) {
    Set<String> current = keys;
    return current.isEmpty() || current.contains(clientKey);
  }
}
