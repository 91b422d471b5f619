package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secure API's authorization: {@code com.actyx.os/general/authorizedKeys} as it is now,
 * and protected mode.
 * <ul>
 *   <li>A non-empty list admits only the listed client keys ({@code 0} ‖ base64 of the
 *       Ed25519 public key), from anywhere.</li>
 *   <li>An empty list admits every client on the node's own machine (loopback), and clients
 *       elsewhere only if the node was started with {@code --admin-open} (Redis's protected
 *       mode: a fresh node is never administrable from the network by an unknown key).</li>
 * </ul>
 * Checked when a connection is secured and again on every request; a change notifies the
 * listeners, which close the connections it no longer admits.
 */
final class AuthorizedKeys {

  static final String REFUSED = "Provided key is not authorized to access the API.";

  private final boolean adminOpen;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Set<String> keys = Set.of();

  /** {@code adminOpen}: serve non-loopback clients while the list is empty (node config, never a setting). */
  AuthorizedKeys(boolean adminOpen) {
    this.adminOpen = adminOpen;
  }

  /** Updates from a settings tree ({@code {"com.actyx.os": …}} with defaults); a change notifies the listeners. */
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
    if (!next.equals(keys)) {
      keys = Set.copyOf(next);
      listeners.forEach(Runnable::run);
    }
  }

  /** Runs {@code listener} after every change of the list; returns what removes it again. */
  Runnable onChange(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Why {@code clientKey}, connecting from loopback or not, may not call now; null if it may. */
  AxException refusal(String clientKey, boolean loopback) {
    Set<String> current = keys;
    if (current.isEmpty()) {
      return loopback || adminOpen ? null : new AxException(ErrorCode.UNAUTHORIZED, protectedMode(clientKey));
    }
    return current.contains(clientKey) ? null : new AxException(ErrorCode.UNAUTHORIZED, REFUSED);
  }

  /** Whether {@code clientKey} is listed in a non-empty authorizedKeys (an explicit grant, as code upload needs). */
  boolean explicitlyAuthorizes(String clientKey) {
    return keys.contains(clientKey);
  }

  /** The refusal in protected mode: what it is, and the two ways out, with the client's own key filled in. */
  static String protectedMode(String clientKey) {
    return "The node is in protected mode: while com.actyx.os/general/authorizedKeys is empty, its secure admin "
        + "API serves only clients on the node's own machine. Authorize your key (" + clientKey + ") from the "
        + "node's machine: ax settings set com.actyx.os/general/authorizedKeys '[\"" + clientKey + "\"]' "
        + "--local /dns4/localhost/tcp/4458, or stop the node and run bin/ax-node authorize-key --data-dir DIR "
        + clientKey;
  }
}
