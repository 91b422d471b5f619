package dev.axnode.kernel.admin;

import dev.axnode.kernel.admin.AdminParam.In;
import dev.axnode.kernel.admin.AdminParam.Type;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * Every admin operation of a node, defined once: its name (the {@code method} of a 4458
 * request, {@code ADMIN-PROTOCOL.md}), its parameters, its result, and the HTTP method and
 * path that carry it on port 4457 ({@code openapi.json}, whose {@code operationId} is the
 * name). The node's HTTP routes and 4458 dispatch, and the {@code ax} client, all follow
 * from this enum; a test checks both documents against it.
 *
 * <p>Over HTTP, {@link In#PATH} and {@link In#QUERY} parameters travel in the URL, a
 * {@link In#BODY} parameter is the whole body and {@link In#FIELD} parameters are the
 * fields of a JSON object body; on 4458 they all are fields of {@code params}.
 */
public enum AdminOperation {

  NODE_INSPECT("node.inspect", HttpMethod.GET, "/node",
      "node ID, name, version, start, uptime, addresses, verticles, peers, layers"),
  SETTINGS_GET("settings.get", HttpMethod.GET, "/settings", "the value at the scope",
      Params.SCOPE, AdminParam.query("noDefaults", Type.BOOLEAN, false, "")),
  SETTINGS_SET("settings.set", HttpMethod.PUT, "/settings", "the whole com.actyx.os object with defaults",
      Params.SCOPE, AdminParam.body("value", Type.JSON, true)),
  SETTINGS_UNSET("settings.unset", HttpMethod.DELETE, "/settings", "null", Params.SCOPE),
  SETTINGS_SCHEMA("settings.schema", HttpMethod.GET, "/settings/schema", "the JSON schema", Params.SCOPE),
  SETTINGS_SCOPES("settings.scopes", HttpMethod.GET, "/settings/scopes", "the scope names"),
  VERTICLES_LS("verticles.ls", HttpMethod.GET, "/verticles", "the verticle list"),
  VERTICLES_SWAP("verticles.swap", HttpMethod.POST, "/verticles/{name}/swap", "the new instance",
      AdminParam.path("name"), AdminParam.query("class", Type.STRING, false, ""),
      AdminParam.body("jarBase64", Type.BYTES, false)),
  SWARM_PEERS("swarm.peers", HttpMethod.GET, "/swarm/peers", "the secured peers"),
  SWARM_PERF("swarm.perf", HttpMethod.POST, "/swarm/perf", "perf figures",
      AdminParam.field("multiaddr", Type.STRING, true), AdminParam.field("uploadBytes", Type.INTEGER, false),
      AdminParam.field("downloadBytes", Type.INTEGER, false), Params.RUN_ID),
  SWARM_SETUPS("swarm.setups", HttpMethod.POST, "/swarm/setups", "setup figures",
      AdminParam.field("multiaddr", Type.STRING, true), AdminParam.field("seconds", Type.INTEGER, false),
      Params.RUN_ID),
  SWARM_PROGRESS("swarm.progress", HttpMethod.GET, "/swarm/progress",
      "how far the perf or setups run named runId has got; null when none runs",
      AdminParam.query("runId", Type.STRING, true, "(the runId a swarm.perf or swarm.setups request gave)")),
  EVENTS_PUBLISH("events.publish", HttpMethod.POST, "/events/publish",
      "{data: [{stream, offset, lamport, timestamp}]} once durable",
      AdminParam.field("data", Type.JSON, true)),
  EVENTS_QUERY("events.query", HttpMethod.POST, "/events/query",
      "a stream of events (NDJSON over HTTP, event frames on 4458) up to the upper bound",
      Params.LOWER_BOUND, AdminParam.field("upperBound", Type.JSON, false), Params.FILTER, Params.ORDER),
  EVENTS_SUBSCRIBE("events.subscribe", HttpMethod.POST, "/events/subscribe",
      "a stream of events that stays open and carries new events as they are stored",
      Params.LOWER_BOUND, Params.FILTER, Params.ORDER),
  EVENTS_OFFSETS("events.offsets", HttpMethod.GET, "/events/offsets", "{present: {source: offset}, topic}"),
  EVENTS_KEYS_CREATE("events.keys.create", HttpMethod.POST, "/events/keys/create", "{semantics, keyEpoch}",
      Params.SEMANTICS),
  EVENTS_KEYS_GRANT("events.keys.grant", HttpMethod.POST, "/events/keys/grant", "{semantics, nodeId, keyEpochs}",
      Params.SEMANTICS, AdminParam.field("nodeId", Type.STRING, true)),
  EVENTS_KEYS_ROTATE("events.keys.rotate", HttpMethod.POST, "/events/keys/rotate",
      "{semantics, keyEpoch, grantedTo, revoked}", Params.SEMANTICS, AdminParam.field("revoke", Type.JSON, false)),
  EVENTS_KEYS_LS("events.keys.ls", HttpMethod.GET, "/events/keys", "{keys: [{semantics, keyEpochs, latest}]}");

  /** The prefix of every HTTP path. */
  public static final String HTTP_API = "/api/v1";

  /** What an operation's HTTP request body is. */
  public enum Body {
    NONE,
    /** JSON: one {@link In#BODY} value or an object of {@link In#FIELD}s; {@code application/json}. */
    JSON,
    /** Raw bytes of a {@link Type#BYTES} parameter; empty when it is absent. */
    BYTES
  }

  private final String operationName;
  private final HttpMethod httpMethod;
  private final String path;
  private final String result;
  private final List<AdminParam> params;

  AdminOperation(String operationName, HttpMethod httpMethod, String path, String result, AdminParam... params) {
    this.operationName = operationName;
    this.httpMethod = httpMethod;
    this.path = path;
    this.result = result;
    this.params = List.of(params);
  }

  /** The name: the {@code method} of a 4458 request and the OpenAPI {@code operationId}. */
  public String operationName() {
    return operationName;
  }

  public HttpMethod httpMethod() {
    return httpMethod;
  }

  /** The HTTP path under {@link #HTTP_API}, with path parameters as {@code {name}} (OpenAPI's form). */
  public String path() {
    return path;
  }

  /** The full HTTP path template, e.g. {@code /api/v1/verticles/{name}/swap}. */
  public String httpPath() {
    return HTTP_API + path;
  }

  /** What a successful call answers, in a few words. */
  public String result() {
    return result;
  }

  public List<AdminParam> params() {
    return params;
  }

  /** The parameters that travel {@code in} this part of an HTTP request, in their order. */
  public List<AdminParam> params(In in) {
    return params.stream().filter(p -> p.in() == in).toList();
  }

  public Optional<AdminParam> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Body body() {
    if (params.stream().anyMatch(p -> p.type() == Type.BYTES)) {
      return Body.BYTES;
    }
    return params.stream().anyMatch(p -> p.in() == In.BODY || p.in() == In.FIELD) ? Body.JSON : Body.NONE;
  }

  /**
   * Whether the answer is a stream of events rather than one result: NDJSON over HTTP,
   * several frames then an end frame on 4458 ({@code ADMIN-PROTOCOL.md}).
   */
  public boolean streams() {
    return this == EVENTS_QUERY || this == EVENTS_SUBSCRIBE;
  }

  /** Whether the event API port (4454) serves it too; the admin ports serve every operation. */
  public boolean eventApi() {
    return this == EVENTS_PUBLISH || this == EVENTS_QUERY || this == EVENTS_SUBSCRIBE || this == EVENTS_OFFSETS;
  }

  /** The operation called {@code name}, if there is one. */
  public static Optional<AdminOperation> byName(String name) {
    for (AdminOperation operation : values()) {
      if (operation.operationName.equals(name)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  /** Parameters several operations share. */
  private static final class Params {
    static final AdminParam SCOPE = AdminParam.query("scope", Type.STRING, true,
        "(e.g. '.' or 'com.actyx.os/general/displayName')");
    /** Names a perf or setups run so that {@code swarm.progress} can ask how far it has got. */
    static final AdminParam RUN_ID = AdminParam.field("runId", Type.STRING, false);
    /** Offsets {source: offset} already seen, exclusive; absent: from the start. */
    static final AdminParam LOWER_BOUND = AdminParam.field("lowerBound", Type.JSON, false);
    /** {semantics, name, source}, each optional: only events whose tags match. */
    static final AdminParam FILTER = AdminParam.field("filter", Type.JSON, false);
    static final AdminParam ORDER = AdminParam.field("order", Type.STRING, false);
    static final AdminParam SEMANTICS = AdminParam.field("semantics", Type.STRING, true);
  }
}
