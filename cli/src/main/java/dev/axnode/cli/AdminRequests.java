package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates between the HTTP API's terms, in which commands build their requests, and
 * the methods of {@code /ax/admin/1.0.0} (ADMIN-PROTOCOL.md), so that commands need not
 * know which API carries them:
 *
 * <pre>
 *   GET    /node                        node.inspect
 *   GET    /settings?scope&amp;noDefaults   settings.get     {scope, noDefaults}
 *   PUT    /settings?scope  + JSON      settings.set     {scope, value}
 *   DELETE /settings?scope              settings.unset   {scope}
 *   GET    /settings/schema?scope       settings.schema  {scope}
 *   GET    /settings/scopes             settings.scopes
 *   GET    /verticles                   verticles.ls
 *   POST   /verticles/NAME/swap?class   verticles.swap   {name, class?, jarBase64?}
 *   GET    /swarm/peers                 swarm.peers
 *   POST   /swarm/perf      + JSON      swarm.perf       the body's fields
 *   POST   /swarm/setups    + JSON      swarm.setups     the body's fields
 *   GET    /swarm/progress  ?runId      swarm.progress   runId
 * </pre>
 */
final class AdminRequests {

  private static final Pattern SWAP = Pattern.compile("/verticles/([^/]+)/swap");

  private AdminRequests() {
  }

  static AdminCall toCall(NodeRequest request) {
    String path = request.path().startsWith(NodeRequest.API)
        ? request.path().substring(NodeRequest.API.length()) : request.path();
    HttpMethod method = request.method();
    JsonObject params = new JsonObject();
    if (method == HttpMethod.GET) {
      switch (path) {
        case "/node": return new AdminCall("node.inspect", params);
        case "/settings": return new AdminCall("settings.get", scoped(request)
            .put("noDefaults", Boolean.parseBoolean(request.query().getOrDefault("noDefaults", "false"))));
        case "/settings/schema": return new AdminCall("settings.schema", scoped(request));
        case "/settings/scopes": return new AdminCall("settings.scopes", params);
        case "/verticles": return new AdminCall("verticles.ls", params);
        case "/swarm/peers": return new AdminCall("swarm.peers", params);
        case "/swarm/progress": return new AdminCall("swarm.progress", params.put("runId", request.query().get("runId")));
        default: break;
      }
    } else if (method == HttpMethod.PUT && path.equals("/settings")) {
      return new AdminCall("settings.set", scoped(request).put("value", jsonBody(request)));
    } else if (method == HttpMethod.DELETE && path.equals("/settings")) {
      return new AdminCall("settings.unset", scoped(request));
    } else if (method == HttpMethod.POST && path.equals("/swarm/perf")) {
      return new AdminCall("swarm.perf", (JsonObject) jsonBody(request));
    } else if (method == HttpMethod.POST && path.equals("/swarm/setups")) {
      return new AdminCall("swarm.setups", (JsonObject) jsonBody(request));
    } else if (method == HttpMethod.POST) {
      Matcher swap = SWAP.matcher(path);
      if (swap.matches()) {
        return new AdminCall("verticles.swap", swapParams(URLDecoder.decode(swap.group(1), StandardCharsets.UTF_8),
            request));
      }
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "The secure admin API has no method for " + request);
  }

  private static JsonObject scoped(NodeRequest request) {
    return new JsonObject().put("scope", request.query().get("scope"));
  }

  private static Object jsonBody(NodeRequest request) {
    try {
      return Json.decodeValue(request.body() == null ? Buffer.buffer("null") : request.body());
    } catch (DecodeException e) {
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "Request body of " + request + " is not JSON");
    }
  }

  private static JsonObject swapParams(String name, NodeRequest request) {
    JsonObject params = new JsonObject().put("name", name);
    if (request.query().containsKey("class")) {
      params.put("class", request.query().get("class"));
    }
    Buffer jar = request.body();
    if (jar != null && jar.length() > 0) {
      params.put("jarBase64", Base64.getEncoder().encodeToString(jar.getBytes()));
    }
    return params;
  }

  /**
   * The envelope the HTTP API would have answered with, from a response frame
   * {@code {"id":…,"code":"OK","result":…}}; error frames become their CommandException.
   */
  static JsonObject toEnvelope(SecureNodeAddress node, JsonObject response) {
    Object code = response.getValue("code");
    if ("OK".equals(code)) {
      return AxCommand.ok(response.getValue("result"));
    }
    if (code instanceof String text && text.startsWith("ERR_")) {
      Object message = response.getValue("message");
      throw new CommandException(text, message == null ? "(no message)" : String.valueOf(message));
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node
        + " sent an unexpected answer; is this an ax node's secure admin API?");
  }
}
