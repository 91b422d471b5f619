package dev.axnode.adminapi;

import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Who asks to run uploaded code, as far as the upload privilege goes: a loopback HTTP
 * client (someone on the node's own machine), or a secure-API client whose key is listed in
 * a non-empty {@code authorizedKeys}. Everyone else may swap to built-in implementations only.
 *
 * @param privileged whether this caller may upload a jar
 * @param refusal    what to tell the caller when it may not, and what to do instead
 * @param budgetHeld whether the transport already holds the upload's share of the budget
 *                   ({@link CodeUploads}): HTTP takes it before it reads the body
 */
record Uploader(boolean privileged, String refusal, boolean budgetHeld) {

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z._-]{1,32})?");

  static Uploader overHttp(SocketAddress remote) {
    String from = remote == null ? "an unknown address" : remote.hostAddress();
    return new Uploader(isLoopback(remote), "Uploading a verticle jar over the HTTP API is allowed only from the "
        + "node's own machine (loopback), not from " + from + ": run ax on the node, or use the secure API "
        + "(--local /ip4/<node>/tcp/4458) with a key listed in com.actyx.os/general/authorizedKeys", true);
  }

  static Uploader overSecureApi(boolean explicitlyAuthorized) {
    return new Uploader(explicitlyAuthorized, "Uploading a verticle jar needs a client key listed in "
        + "com.actyx.os/general/authorizedKeys (an empty list grants no uploads): add this client's key "
        + "(ax swarms listKeys) on the node's machine with ax settings set com.actyx.os/general/authorizedKeys "
        + "'[\"0…=\"]' --local /dns4/localhost/tcp/4458", false);
  }

  /** 127.0.0.0/8, ::1 and ::ffff:127.x; decided from the literal address, never by a lookup. */
  static boolean isLoopback(SocketAddress remote) {
    String ip = remote == null ? null : remote.hostAddress();
    if (ip == null || !IP_LITERAL.matcher(ip).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(ip).isLoopbackAddress(); // a literal: parsed, not resolved
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
