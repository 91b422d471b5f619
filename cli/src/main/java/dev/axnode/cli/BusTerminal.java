package dev.axnode.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The user's terminal as {@link AxClientVerticle} reaches it: over the event bus, at the
 * terminal address the command named in its request. The command owns the real terminal;
 * the verticle never touches one. Notices and questions wait for the command's reply, so
 * they reach the user in order and before the call's own answer. Blocking: only ever used
 * on worker threads.
 */
final class BusTerminal implements HostPrompt {

  /** A person may take a while to answer; the question gives up after this. */
  static final long ANSWER_TIMEOUT_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final Vertx vertx;
  private final String address;
  private final boolean interactive;

  BusTerminal(Vertx vertx, String address, boolean interactive) {
    this.vertx = vertx;
    this.address = address;
    this.interactive = interactive;
  }

  @Override
  public boolean interactive() {
    return interactive && address != null;
  }

  @Override
  public String ask(String question) {
    if (address == null) {
      return null;
    }
    JsonObject answer = await(vertx.eventBus().request(address, new JsonObject().put("ask", question),
        new DeliveryOptions().setSendTimeout(ANSWER_TIMEOUT_MILLIS)).map(reply -> (JsonObject) reply.body()));
    return answer == null ? null : answer.getString("answer");
  }

  /** A writer whose every flush becomes one notice on the user's stderr (dropped without a terminal). */
  PrintWriter notices() {
    return new PrintWriter(new Writer() {
      private final StringBuilder pending = new StringBuilder();

      @Override
      public void write(char[] chars, int offset, int length) {
        pending.append(chars, offset, length);
      }

      @Override
      public void flush() {
        if (pending.length() > 0 && address != null) {
          await(vertx.eventBus().request(address, new JsonObject().put("notice", pending.toString())));
        }
        pending.setLength(0);
      }

      @Override
      public void close() {
        flush();
      }
    });
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      return null; // the command is gone or did not answer: as if nobody answered
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
