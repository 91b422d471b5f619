package dev.axnode.cli;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The command side of {@code ax}: a minimal Vert.x (one event loop, one worker, no
 * clustering) with one {@link AxClientVerticle} in it, and the process's terminal on the bus.
 * Commands {@link #send} requests and {@link #await} the answers on their own thread, which
 * meanwhile serves the verticle's notices and questions: the terminal is only ever used by
 * the command's thread, never by an event loop.
 */
final class AxClient implements AutoCloseable {

  /** The verticle bounds every call itself (connect, handshake, request); a prompt may wait for a person. */
  private static final long BUS_TIMEOUT_MILLIS = TimeUnit.DAYS.toMillis(1);
  private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

  private final Vertx vertx;
  private final HostPrompt prompt;
  /**
   * Unique on this client's own Vert.x: one client per Vert.x. Not a random UUID, whose
   * SecureRandom start (security providers) cost every command ~15 ms for nothing.
   */
  private final String terminal = Addresses.axClientTerminal(
      ProcessHandle.current().pid() + "-" + Integer.toHexString(System.identityHashCode(this)));
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final MessageConsumer<JsonObject> terminalConsumer;
  private PrintWriter err = new PrintWriter(PrintWriter.nullWriter());
  /** Takes the events of a query or subscription on the command's thread; none outside {@link #awaitEvents}. */
  private Consumer<JsonObject> eventHandler = event -> { };

  private AxClient(Vertx vertx, HostPrompt prompt) {
    this.vertx = vertx;
    this.prompt = prompt;
    this.terminalConsumer = vertx.eventBus().consumer(terminal, events::add);
  }

  /** Starts the Vert.x of this process and deploys the client verticle; blocking. */
  static AxClient start(CliConfig config, HostPrompt prompt) {
    return start(config, prompt, null, null);
  }

  /**
   * The same, and has the verticle prepare a connection to {@code node} if not null
   * ({@link AxClientVerticle#PREPARE}), with the client key {@code keyAhead} is reading (null:
   * an HTTP node, or none read ahead).
   */
  static AxClient start(CliConfig config, HostPrompt prompt, String node, CompletableFuture<ClientKeyPair> keyAhead) {
    // A CLI process makes a handful of requests: one event loop, no file cache, no class-path
    // resolving. HTTP requests block a worker each (HttpWire): a few, so that calls to several
    // nodes (nodes ls) still run side by side; the pool starts its threads only when used.
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(4)
        .setInternalBlockingPoolSize(1)
        .setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1))
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false));
    StartupTrace.mark("options");
    Vertx vertx = Vertx.vertx(options);
    StartupTrace.mark("vertx");
    AxClient client = new AxClient(vertx, prompt);
    JsonObject verticleConfig = new JsonObject().put(AxClientVerticle.CONFIG_DIR, config.directory().toString());
    NodeClient.await(vertx.deployVerticle(new AxClientVerticle(keyAhead),
        new DeploymentOptions().setConfig(verticleConfig)), CLOSE_TIMEOUT_MILLIS * 5);
    StartupTrace.mark("deployed");
    if (node != null) {
      vertx.eventBus().send(AxClientVerticle.PREPARE, node);
    }
    return client;
  }

  /** Sends one request to the verticle, with this process's terminal; the answer is the API's envelope. */
  Future<JsonObject> send(ClientRequest request) {
    ClientRequest withTerminal = new ClientRequest(request.call(), request.node(), request.timeoutMillis(),
        request.acceptNewHost(), terminal, prompt.interactive());
    return vertx.eventBus().<JsonObject>request(Addresses.AX_CLIENT_CALL, withTerminal.toJson(),
        new DeliveryOptions().setSendTimeout(BUS_TIMEOUT_MILLIS)).map(Message::body);
  }

  /**
   * Waits for an answer of {@link #send} on the calling thread, printing notices on
   * {@code errors} and asking the terminal's questions meanwhile; returns the success
   * envelope or throws the error envelope as a {@link CommandException}.
   */
  JsonObject await(Future<JsonObject> answer, PrintWriter errors) {
    this.err = errors;
    answer.onComplete(done -> events.add(Boolean.TRUE));
    try {
      while (!answer.isComplete()) {
        if (events.take() instanceof Message<?> message) {
          serve(message);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "Interrupted");
    }
    if (answer.failed()) {
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "The client verticle failed: " + answer.cause());
    }
    JsonObject envelope = answer.result();
    if ("OK".equals(envelope.getValue("code"))) {
      return envelope;
    }
    throw new CommandException(envelope.getString("code"), envelope.getString("message"));
  }

  /**
   * Like {@link #await} for an event query or subscription: each event the verticle hands
   * over ({@link EventSink}) goes to {@code onEvent} on this thread as it arrives; the
   * envelope is the stream's end.
   */
  JsonObject awaitEvents(Future<JsonObject> answer, PrintWriter errors, Consumer<JsonObject> onEvent) {
    this.eventHandler = onEvent;
    try {
      return await(answer, errors);
    } finally {
      this.eventHandler = event -> { };
    }
  }

  /** One notice, question or event of the verticle, on the command's thread. */
  private void serve(Message<?> message) {
    JsonObject body = (JsonObject) message.body();
    if (body.getValue("event") instanceof JsonObject event) {
      eventHandler.accept(event);
      message.reply(new JsonObject());
    } else if (body.containsKey("ask")) {
      message.reply(new JsonObject().put("answer", prompt.ask(body.getString("ask"))));
    } else {
      err.print(body.getString("notice", ""));
      err.flush();
      message.reply(new JsonObject());
    }
  }

  @Override
  public void close() {
    terminalConsumer.unregister();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The process is about to exit; a slow close changes nothing for the user.
    }
  }
}
