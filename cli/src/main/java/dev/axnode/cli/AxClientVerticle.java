package dev.axnode.cli;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ax} client as a verticle: it serves {@link Addresses#AX_CLIENT_CALL}, performing
 * each {@link ClientRequest} on its node over HTTP ({@link HttpNodeClient}) or the secure API
 * ({@link SecureNodeClient}), and replies with the API's envelope, errors included (never a
 * bus failure). It owns the HTTP connections opened ahead by {@link #PREPARE}, the secure
 * connections (one per address, reused) and the client key pair, loaded on the first secure
 * request or a {@link #PREPARE} hint. Neither transport uses a Netty channel: HTTP requests run
 * on worker threads over plain sockets ({@link HttpWire}), and the secure API's connection is
 * a plain socket with a reader and a writer thread ({@link SocketLink}).
 * Notices and host questions go to the request's terminal address ({@link BusTerminal}); the
 * verticle never touches a terminal, so a test drives it with event-bus messages alone.
 *
 * <p>Config: {@code {"configDir": "…/actyxos"}}, where the client keeps {@code keys} and
 * {@code known_hosts}.
 */
public final class AxClientVerticle extends VerticleBase {

  public static final String CONFIG_DIR = "configDir";
  /**
   * Takes a node address (text) a command is about to call: the verticle opens an HTTP
   * connection (a socket, on a worker thread) to it at once, while the command line is still
   * being parsed, and the first call to that node uses it; for a secure API address it reads
   * the client key pair. A hint
   * only: no reply, and a failure shows on the call, as without the hint.
   */
  static final String PREPARE = "ax.client.prepare";
  static final long CONNECT_TIMEOUT_MILLIS = ClientRequest.DEFAULT_TIMEOUT_MILLIS;
  /** How long stopping waits for a secure connection's GoAway to be sent. */
  private static final long CLOSE_WAIT_MILLIS = 1_000;
  private static final String USER_AGENT = "ax/" + AxVersion.version();

  private final CompletableFuture<ClientKeyPair> keyAhead;
  private final Map<String, SecureNodeClient> secureClients = new HashMap<>();
  /** Connections opened by {@link #PREPARE}, until a call takes them; by address. */
  private final Map<String, Future<Socket>> prepared = new HashMap<>();
  private CliConfig cliConfig;
  /** Made on the first HTTP event stream (see {@link #streamingHttp()}). */
  private HttpClient streamingHttp;
  private Future<ClientKeyPair> key;
  /** The key pair read by {@link #PREPARE}, or null when there was no key file yet. */
  private Future<ClientKeyPair> preparedKey;
  private MessageConsumer<JsonObject> consumer;
  private MessageConsumer<String> prepareConsumer;

  public AxClientVerticle() {
    this(null);
  }

  /**
   * A verticle that takes {@code keyAhead} (the key file's first pair, null for none) as the
   * key a {@link #PREPARE} hint would read: the {@code ax} process reads it before Vert.x is up.
   */
  AxClientVerticle(CompletableFuture<ClientKeyPair> keyAhead) {
    this.keyAhead = keyAhead;
  }

  @Override
  public Future<?> start() {
    cliConfig = CliConfig.of(Path.of(config().getString(CONFIG_DIR)));
    consumer = vertx.eventBus().consumer(Addresses.AX_CLIENT_CALL, this::onRequest);
    prepareConsumer = vertx.eventBus().consumer(PREPARE, message -> prepare(message.body()));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // Waits for the GoAway to leave (a socket of a thread of its own), not for ever.
    List<Future<Void>> closing = secureClients.values().stream()
        .map(client -> client.close().timeout(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS).otherwiseEmpty()).toList();
    secureClients.clear();
    prepared.values().forEach(connection -> connection.onSuccess(AxClientVerticle::closeQuietly));
    prepared.clear();
    return Future.join(consumer.unregister(), prepareConsumer.unregister(), Future.join(closing),
        streamingHttp == null ? Future.succeededFuture() : streamingHttp.close());
  }

  private void onRequest(Message<JsonObject> message) {
    Future<JsonObject> envelope;
    try {
      ClientRequest request = ClientRequest.fromJson(message.body());
      NodeAddress node = NodeAddress.parse(request.node());
      if (node instanceof HttpNodeAddress httpNode && request.call().operation().streams()) {
        envelope = HttpEventStreamClient.stream(streamingHttp(), httpNode, request.call(), USER_AGENT,
            EventSink.toTerminal(vertx, request.terminal()));
      } else {
        envelope = node instanceof HttpNodeAddress httpNode
            ? new HttpNodeClient(vertx, prepared.remove(httpNode.toString()), httpNode, USER_AGENT)
                .send(request.call(), request.timeoutMillis())
            : secure(request, (SecureNodeAddress) node);
      }
    } catch (CommandException e) {
      envelope = Future.failedFuture(e);
    }
    envelope.onComplete(ar -> message.reply(ar.succeeded() ? ar.result() : errorEnvelope(ar.cause())));
  }

  private void prepare(String address) {
    NodeAddress node;
    try {
      node = NodeAddress.parse(address);
    } catch (CommandException e) {
      return; // the command reports the bad address itself, without connecting
    }
    if (node instanceof SecureNodeAddress secureNode) {
      if (key == null && preparedKey == null) {
        // Reading the key loads the signature classes: done here, it overlaps the parsing.
        preparedKey = keyAhead != null ? Future.fromCompletionStage(keyAhead, context)
            : vertx.executeBlocking(() -> {
              List<ClientKeyPair> pairs = new ClientKeyFile(cliConfig.keysFile()).load();
              return pairs.isEmpty() ? null : pairs.get(0);
            });
      }
      // Connect and shake hands meanwhile too: that needs the key only. The node's identity is
      // checked when the request comes, with its terminal. Without a key file yet the request
      // creates one, and connects then.
      (key != null ? key : preparedKey).onSuccess(pair -> {
        if (pair != null) {
          secureClient(secureNode, pair);
        }
      });
    }
    if (node instanceof HttpNodeAddress httpNode && !prepared.containsKey(httpNode.toString())) {
      prepared.put(httpNode.toString(), HttpNodeClient.connect(vertx, httpNode));
    }
  }

  /** Key, connection, handshake and host check (blocking: on a worker), then the request. */
  private Future<JsonObject> secure(ClientRequest request, SecureNodeAddress node) {
    BusTerminal terminal = new BusTerminal(vertx, request.terminal(), request.interactive());
    PrintWriter notices = terminal.notices();
    return clientKey(notices).compose(pair -> {
      SecureNodeClient client = secureClient(node, pair);
      HostVerifier verifier = new HostVerifier(cliConfig.knownHostsFile(), terminal, notices, request.acceptNewHost());
      return vertx.executeBlocking(() -> {
        client.open(verifier);
        return client;
      }, false);
    }).compose(client -> request.call().operation().streams()
        ? client.stream(request.call(), EventSink.toTerminal(vertx, request.terminal()))
        : client.send(request.call(), request.timeoutMillis()));
  }

  /**
   * The client of {@code node}, made on the event loop: it starts connecting at once, so
   * requests to many nodes connect together.
   */
  private SecureNodeClient secureClient(SecureNodeAddress node, ClientKeyPair pair) {
    return secureClients.computeIfAbsent(node.toString(), address -> new SecureNodeClient(vertx, node,
        pair));
  }

  /**
   * Netty's HTTP client, made only for event streams (`ax events query|subscribe` over HTTP):
   * they read an NDJSON body as it arrives and pace it by the terminal, which the one-shot
   * {@link HttpWire} exchange does not do.
   */
  private HttpClient streamingHttp() {
    if (streamingHttp == null) {
      streamingHttp = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT_MILLIS));
    }
    return streamingHttp;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // an unused connection of a CLI that is stopping: nothing to report
    }
  }

  private Future<ClientKeyPair> clientKey(PrintWriter notices) {
    if (key == null) {
      Future<ClientKeyPair> early = preparedKey == null ? Future.succeededFuture() : preparedKey;
      preparedKey = null;
      // Without a prepared pair (none, or reading failed) the usual way: it creates one or reports why not.
      key = early.transform(ar -> ar.succeeded() && ar.result() != null ? Future.succeededFuture(ar.result())
          : vertx.executeBlocking(() -> {
            ClientKeyPair pair = new ClientKeyFile(cliConfig.keysFile()).loadOrCreate(notices);
            notices.flush();
            return pair;
          }));
      key.onFailure(e -> key = null); // a fixed key file works on the next request
    }
    return key;
  }

  static JsonObject errorEnvelope(Throwable failure) {
    CommandException e = failure instanceof CommandException command ? command
        : new CommandException(ErrorCode.INTERNAL_ERROR, failure.getMessage() == null
            ? failure.getClass().getName() : failure.getMessage());
    return AxCommand.errorJson(e);
  }
}
