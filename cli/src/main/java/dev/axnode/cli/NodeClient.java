package dev.axnode.cli;

import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.ErrorCode;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client of the node's HTTP admin API: one small Vert.x instance per process, created
 * only by commands that talk to a node. Every answer is an envelope
 * {@code {"code":"OK","result":…}} or {@code {"code":"ERR_…","message":…}}; failures come
 * back as {@link CommandException}.
 */
final class NodeClient implements AutoCloseable {

  private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

  private final Vertx vertx;
  private final WebClient web;

  private NodeClient(Vertx vertx) {
    this.vertx = vertx;
    this.web = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) NodeRequest.DEFAULT_TIMEOUT_MILLIS)
        .setUserAgent("ax/" + AxVersion.version()));
  }

  static NodeClient create() {
    // A CLI process makes a handful of requests: one event loop, no file cache, no class-path resolving.
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1)
        .setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1))
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false));
    return new NodeClient(Vertx.vertx(options));
  }

  /** Sends the request; the future holds the success envelope. */
  Future<JsonObject> send(NodeAddress node, NodeRequest request) {
    HttpRequest<Buffer> http = web.request(request.method(), node.port(), node.host(), request.path())
        .timeout(request.timeoutMillis());
    request.query().forEach(http::addQueryParam);
    if (node.host().indexOf(':') >= 0) {
      http.putHeader("Host", node.toString()); // Vert.x would send an IPv6 host without brackets
    }
    Future<HttpResponse<Buffer>> sent;
    if (request.body() != null) {
      if (request.contentType() != null) {
        http.putHeader("Content-Type", request.contentType());
      }
      sent = http.sendBuffer(request.body());
    } else {
      sent = http.send();
    }
    return sent.transform(ar -> ar.succeeded()
        ? Future.succeededFuture(interpret(node, ar.result().statusCode(), ar.result().body()))
        : Future.failedFuture(failure(node, ar.cause())));
  }

  /** Sends the request and waits for the success envelope. */
  JsonObject call(NodeAddress node, NodeRequest request) {
    return await(send(node, request), request.timeoutMillis() * 2);
  }

  /** Waits for a future of {@link #send}, turning every failure into a CommandException. */
  static JsonObject await(Future<JsonObject> future, long timeoutMillis) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CommandException command) {
        throw command;
      }
      throw new CommandException(ErrorCode.INTERNAL_ERROR, String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      throw new CommandException(ErrorCode.NODE_UNREACHABLE, "The node did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException(ErrorCode.INTERNAL_ERROR, "Interrupted");
    }
  }

  /** Reads an answer: the success envelope, or a CommandException for anything else. */
  static JsonObject interpret(NodeAddress node, int status, Buffer body) {
    JsonObject envelope;
    try {
      envelope = body == null ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      envelope = null;
    }
    Object code = envelope == null ? null : envelope.getValue("code");
    if ("OK".equals(code) && envelope.containsKey("result") && status < 300) {
      return envelope;
    }
    if (code instanceof String text && text.startsWith("ERR_")) {
      Object message = envelope.getValue("message");
      throw new CommandException(text, message == null ? "(no message)" : String.valueOf(message));
    }
    throw new CommandException(ErrorCode.INTERNAL_ERROR, "Node at " + node
        + " sent an unexpected answer (HTTP " + status + "); is this an ax node's admin API?");
  }

  /** Maps a transport failure to ERR_NODE_UNREACHABLE, naming the address tried. */
  static CommandException failure(NodeAddress node, Throwable cause) {
    if (cause instanceof CommandException command) {
      return command;
    }
    String reason = unreachableReason(node, cause);
    if (reason == null) {
      String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new CommandException(ErrorCode.INTERNAL_ERROR, "Request to node at " + node + " failed: " + text);
    }
    return new CommandException(ErrorCode.NODE_UNREACHABLE, "Node at " + node + " is unreachable: " + reason);
  }

  private static String unreachableReason(NodeAddress node, Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return "Connection timed out";
    }
    if (cause instanceof ConnectException || cause instanceof SocketException) {
      // Netty words these "<reason>: <address>"; the address is printed already.
      String message = cause.getMessage();
      if (message == null || message.isBlank()) {
        return "Connection failed";
      }
      int colon = message.indexOf(": ");
      String text = colon > 0 ? message.substring(0, colon) : message;
      return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
    if (cause instanceof UnknownHostException) {
      return "Unknown host " + node.host();
    }
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return "Timed out waiting for an answer";
    }
    if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException) {
      return "Connection closed before an answer arrived";
    }
    return null;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The process is about to exit; a slow close changes nothing for the user.
    }
  }
}
