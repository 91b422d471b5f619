package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.message.EventsPublish;
import dev.axnode.kernel.message.EventsPublished;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.PerfRequest;
import dev.axnode.kernel.message.SetupsRequest;
import dev.axnode.kernel.message.SwarmProgressRequest;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.SettingsSchemaRequest;
import dev.axnode.kernel.message.SettingsSet;
import dev.axnode.kernel.message.SettingsUnset;
import dev.axnode.kernel.message.SwapRequest;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admin commands, once for both APIs: the HTTP routes and the secure API's streams are
 * adapters to this. Each command is one or a few event-bus requests to the verticle that
 * owns the answer; failures are {@link AxException}s with the messages users see.
 *
 * <p>Every operation is one {@link AdminOperation}; {@link #call(AdminOperation, JsonObject,
 * Uploader)} dispatches it, with params named as the operation defines them, whichever API
 * carried it ({@link HttpCommands} collects them from the path, query and body).
 */
final class AdminService {

  /** A perf run of a few GiB takes a while on a slow link. */
  static final long PERF_TIMEOUT_MS = 15 * 60 * 1000;
  static final long SWAP_TIMEOUT_MS = 60_000;
  static final String SCOPE_EXAMPLE = "(e.g. '.' or 'com.actyx.os/general/displayName')";
  static final String PERF_EXPECTED = "Expected {\"multiaddr\": …, \"uploadBytes\": N, \"downloadBytes\": N}";
  static final String SETUPS_EXPECTED = "Expected {\"multiaddr\": …/p2p/<peer ID>, \"seconds\": N}";
  /** Beyond its seconds, a setups run may finish its last round: a dial, a ping and a close, each bounded. */
  static final long SETUPS_MARGIN_MS = 60_000;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,255}");

  private final Vertx vertx;
  private final JarStore jars;
  private final CodeUploads uploads;
  private final NodeInspector inspector;
  private final EventCommands events;
  private final SubscriptionBudget eventStreams;
  /** Open event streams, ended cleanly when the service closes (subscriptions never end by themselves). */
  private final Map<EventPager, EventPager.Sink> liveStreams = new HashMap<>();

  AdminService(Vertx vertx, Path dataDir, CodeUploads uploads) {
    this(vertx, dataDir, uploads, new SubscriptionBudget(SubscriptionBudget.DEFAULT_PER_CONNECTION,
        SubscriptionBudget.DEFAULT_PER_IP));
  }

  AdminService(Vertx vertx, Path dataDir, CodeUploads uploads, SubscriptionBudget eventStreams) {
    this.eventStreams = eventStreams;
    this.vertx = vertx;
    this.jars = new JarStore(vertx, dataDir.resolve("verticles"));
    this.uploads = uploads;
    this.inspector = new NodeInspector(vertx);
    this.events = new EventCommands(vertx);
  }

  /** {@code events.publish} of a request already read (the HTTP body's plain case): the stored events, once durable. */
  Future<EventsPublished> publish(EventsPublish request) {
    return events.publish(request);
  }

  /**
   * Starts {@code events.query} or {@code events.subscribe} with {@code params}, writing to
   * {@code sink}, in a slot of the event-stream budget of {@code connection} and {@code ip}
   * (held until the stream ends, fails or is stopped). Returns the stop of the stream; bad
   * params and a full budget throw their {@link AxException} before anything starts.
   */
  Runnable stream(AdminOperation operation, JsonObject params, Object connection, String ip, EventPager.Sink sink) {
    boolean subscribe = operation == AdminOperation.EVENTS_SUBSCRIBE;
    EventQuery query = EventQuery.of(params, subscribe);
    Runnable slot = eventStreams.acquire(connection, ip);
    EventPager[] pager = new EventPager[1];
    Runnable release = () -> {
      slot.run();
      liveStreams.remove(pager[0]);
    };
    pager[0] = new EventPager(vertx, query, subscribe, new ReleasingSink(sink, release));
    liveStreams.put(pager[0], sink);
    pager[0].start();
    return () -> {
      pager[0].stop();
      release.run();
    };
  }

  /** A sink that gives its budget slot back when its stream ends or fails. */
  private record ReleasingSink(EventPager.Sink sink, Runnable release) implements EventPager.Sink {
    @Override
    public void event(JsonObject event) {
      sink.event(event);
    }

    @Override
    public boolean full() {
      return sink.full();
    }

    @Override
    public void onRoom(Runnable task) {
      sink.onRoom(task);
    }

    @Override
    public void live() {
      sink.live();
    }

    @Override
    public void end() {
      release.run();
      sink.end();
    }

    @Override
    public void fail(AxException error) {
      release.run();
      sink.fail(error);
    }
  }

  CodeUploads uploads() {
    return uploads;
  }

  /** Stops the jar store's rechecks; the service answers no more calls. */
  void close() {
    jars.close();
    Map<EventPager, EventPager.Sink> open = new HashMap<>(liveStreams);
    liveStreams.clear();
    open.forEach((pager, sink) -> {
      pager.stop();
      if (pager.subscription()) {
        sink.end(); // a subscription has no end of its own: a clean end, the client subscribes again elsewhere
      } else {
        sink.fail(new AxException(ErrorCode.NODE_UNREACHABLE, "The admin API stopped before the query was complete"));
      }
    });
  }

  /**
   * The secure API's entry: runs the operation named {@code method} with {@code params}
   * (null for none) as {@link #call(AdminOperation, JsonObject, Uploader)} does; an unknown
   * method fails with {@link ErrorCode#INVALID_INPUT}. {@code explicitlyAuthorized}: the
   * client's key is listed in a non-empty {@code authorizedKeys}, which uploading code needs.
   */
  Future<Object> call(String method, JsonObject params, boolean explicitlyAuthorized) {
    return AdminOperation.byName(method)
        .map(operation -> call(operation, params, Uploader.overSecureApi(explicitlyAuthorized)))
        .orElseGet(() -> Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Unknown method: " + method)));
  }

  /**
   * Runs {@code operation} with {@code params} (null for none, names as {@link AdminOperation}
   * defines them) and completes with the result as a JSON value, or fails with an
   * {@link AxException}; ill-typed params fail with {@link ErrorCode#INVALID_INPUT}.
   * {@code uploader}: who asks, as far as uploading a jar goes.
   */
  Future<Object> call(AdminOperation operation, JsonObject params, Uploader uploader) {
    JsonObject p = params == null ? new JsonObject() : params;
    try {
      return switch (operation) {
        case NODE_INSPECT -> nodeInspect();
        case SETTINGS_GET -> settingsGet(scope(p), p.getBoolean("noDefaults", false));
        case SETTINGS_SET -> settingsSet(scope(p), value(p));
        case SETTINGS_UNSET -> settingsUnset(scope(p));
        case SETTINGS_SCHEMA -> settingsSchema(scope(p));
        case SETTINGS_SCOPES -> settingsScopes();
        case VERTICLES_LS -> verticlesList();
        case VERTICLES_SWAP -> budgetedSwap(p.getString("name"), p.getString("class"), jar(p), uploader);
        case SWARM_PEERS -> swarmPeers();
        case SWARM_PERF -> swarmPerf(p);
        case SWARM_SETUPS -> swarmSetups(p);
        case SWARM_PROGRESS -> swarmProgress(p.getString("runId"));
        case EVENTS_PUBLISH, EVENTS_OFFSETS, EVENTS_KEYS_CREATE, EVENTS_KEYS_GRANT, EVENTS_KEYS_ROTATE, EVENTS_KEYS_LS ->
            events.call(operation, p);
        // The transports stream these through an EventPager; a one-answer call of them is a bug.
        case EVENTS_QUERY, EVENTS_SUBSCRIBE -> Future.failedFuture(new AxException(ErrorCode.INTERNAL_ERROR,
            operation.operationName() + " streams its answer"));
      };
    } catch (AxException e) {
      return Future.failedFuture(e);
    } catch (ClassCastException e) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT,
          "Bad params for " + operation.operationName() + ": " + e.getMessage()));
    }
  }

  private Future<Object> nodeInspect() {
    return inspector.inspect().map(Object.class::cast);
  }

  private Future<Object> settingsGet(String scope, boolean noDefaults) {
    return request(Addresses.SETTINGS_GET, new SettingsGet(scope, noDefaults));
  }

  /** Replaces the value at {@code scope}; {@code value} is any JSON value, null included. */
  private Future<Object> settingsSet(String scope, Object value) {
    return request(Addresses.SETTINGS_SET, new SettingsSet(scope, value));
  }

  private Future<Object> settingsUnset(String scope) {
    return request(Addresses.SETTINGS_UNSET, new SettingsUnset(scope));
  }

  private Future<Object> settingsSchema(String scope) {
    return request(Addresses.SETTINGS_SCHEMA, new SettingsSchemaRequest(scope));
  }

  private Future<Object> settingsScopes() {
    return request(Addresses.SETTINGS_SCOPES, null);
  }

  private Future<Object> verticlesList() {
    return BusRequests.<VerticleList>request(vertx, Addresses.KERNEL_VERTICLES_LIST, null).map(VerticleList::toJson);
  }

  /**
   * Swaps {@code name} to {@code className} (null: the running one) from {@code jar} (null or
   * empty: built in). A jar needs uploads on and a privileged {@code uploader}; the caller
   * holds the upload budget ({@link CodeUploads#tryAcquire}) while this runs.
   */
  private Future<Object> verticlesSwap(String name, String className, Buffer jar, Uploader uploader) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Not a verticle name: " + name));
    }
    if (className != null && !CLASS_NAME.matcher(className).matches()) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Not a class name: " + className));
    }
    if (jar == null || jar.length() == 0) {
      return swap(name, null, className);
    }
    AxException refusal = uploads.refusal(uploader);
    if (refusal != null) {
      return Future.failedFuture(refusal);
    }
    return jars.store(name, jar).compose(path -> swap(name, path.toString(), className)
        .eventually(() -> jars.release(path)));
  }

  /**
   * A swap whose jar is already in memory: unless the transport holds the upload's share of
   * the budget already (HTTP takes it before reading the body), it is taken here.
   */
  private Future<Object> budgetedSwap(String name, String className, Buffer jar, Uploader uploader) {
    if (jar == null || jar.length() == 0 || uploader.budgetHeld()) {
      return verticlesSwap(name, className, jar, uploader);
    }
    AxException refusal = uploads.refusal(uploader);
    if (refusal != null) {
      return Future.failedFuture(refusal);
    }
    CodeUploads.Permit permit = uploads.tryAcquire(jar.length());
    if (permit == null) {
      return Future.failedFuture(uploads.busy());
    }
    return verticlesSwap(name, className, jar, uploader).andThen(done -> permit.release());
  }

  private Future<Object> swap(String name, String jarPath, String className) {
    return BusRequests.<VerticleInfo>request(vertx, Addresses.KERNEL_VERTICLES_SWAP,
            new SwapRequest(name, jarPath, className, null), SWAP_TIMEOUT_MS)
        .map(VerticleInfo::toJson);
  }

  private Future<Object> swarmPeers() {
    return request(Addresses.SWARM_PEERS, null);
  }

  /** Runs perf as {@code {"multiaddr": …, "uploadBytes": N, "downloadBytes": N}} asks. */
  private Future<Object> swarmPerf(JsonObject params) {
    PerfRequest request;
    try {
      if (params == null || params.getString("multiaddr") == null) {
        throw new AxException(ErrorCode.INVALID_INPUT, PERF_EXPECTED);
      }
      request = new PerfRequest(params.getString("multiaddr"), nonNegative(params, "uploadBytes"),
          nonNegative(params, "downloadBytes"), runId(params));
    } catch (ClassCastException e) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, e.getMessage()));
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
    return BusRequests.<JsonValue>request(vertx, Addresses.SWARM_PERF, request, PERF_TIMEOUT_MS).map(JsonValue::value);
  }

  /** Measures connection setups as {@code {"multiaddr": …, "seconds": N}} asks (seconds 1 to 300, default 10). */
  private Future<Object> swarmSetups(JsonObject params) {
    SetupsRequest request;
    try {
      if (params == null || params.getString("multiaddr") == null) {
        throw new AxException(ErrorCode.INVALID_INPUT, SETUPS_EXPECTED);
      }
      int seconds = params.getInteger("seconds", SetupsRequest.DEFAULT_SECONDS);
      if (seconds < 1 || seconds > SetupsRequest.MAX_SECONDS) {
        throw new AxException(ErrorCode.INVALID_INPUT,
            "seconds must be from 1 to " + SetupsRequest.MAX_SECONDS + ", not " + seconds);
      }
      request = new SetupsRequest(params.getString("multiaddr"), seconds, runId(params));
    } catch (ClassCastException e) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, e.getMessage()));
    } catch (AxException e) {
      return Future.failedFuture(e);
    }
    return BusRequests.<JsonValue>request(vertx, Addresses.SWARM_SETUPS, request,
        request.seconds() * 1000L + SETUPS_MARGIN_MS).map(JsonValue::value);
  }

  /** How far the perf or setups run that its request named {@code runId} has got; null when none runs. */
  private Future<Object> swarmProgress(String runId) {
    if (runId == null || runId.isEmpty() || runId.length() > SwarmProgressRequest.MAX_RUN_ID_LENGTH) {
      return Future.failedFuture(new AxException(ErrorCode.INVALID_INPUT, "Missing or too long parameter 'runId':"
          + " the id (at most " + SwarmProgressRequest.MAX_RUN_ID_LENGTH + " characters) a perf or setups request gave"));
    }
    return request(Addresses.SWARM_PROGRESS, new SwarmProgressRequest(runId));
  }

  /** A perf's or setups' optional name for progress requests; too long is refused, not cut. */
  private static String runId(JsonObject params) {
    String runId = params.getString("runId");
    if (runId != null && runId.length() > SwarmProgressRequest.MAX_RUN_ID_LENGTH) {
      throw new AxException(ErrorCode.INVALID_INPUT,
          "runId must be at most " + SwarmProgressRequest.MAX_RUN_ID_LENGTH + " characters");
    }
    return runId;
  }

  private Future<Object> request(String address, Object body) {
    return BusRequests.<JsonValue>request(vertx, address, body).map(JsonValue::value);
  }

  private static String scope(JsonObject params) {
    String scope = params.getString("scope");
    if (scope == null || scope.isBlank()) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Missing parameter 'scope' " + SCOPE_EXAMPLE);
    }
    return scope;
  }

  private static Object value(JsonObject params) {
    if (!params.containsKey("value")) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Missing parameter 'value': the new value as JSON");
    }
    return params.getValue("value");
  }

  /** The jar: raw bytes from the HTTP body, or base64 text from a 4458 frame. */
  private static Buffer jar(JsonObject params) {
    // The raw map: JsonObject.getValue would turn a Buffer into base64url text.
    if (params.getMap().get("jarBase64") instanceof Buffer bytes) {
      return bytes;
    }
    String base64 = params.getString("jarBase64");
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    try {
      return Buffer.buffer(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new AxException(ErrorCode.INVALID_INPUT, "jarBase64 is not base64: " + e.getMessage());
    }
  }

  private static long nonNegative(JsonObject json, String key) {
    long value = json.getLong(key, 0L);
    if (value < 0) {
      throw new AxException(ErrorCode.INVALID_INPUT, key + " must not be negative");
    }
    return value;
  }
}
