package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.admin.AdminCall;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client of one node's admin API, used by {@link AxClientVerticle}. It sends an
 * {@link AdminCall} in its API's form and answers with the same envelope
 * {@code {"code":"OK","result":…}} whichever API carried it; failures come back as
 * {@link CommandException}.
 *
 * <p>Implementations: {@link HttpNodeClient} (port 4457, plain HTTP, the request derived by
 * {@link AdminCall#toHttp}) and {@link SecureNodeClient} (port 4458, libp2p Noise + yamux,
 * node identity checked against known hosts, the request by {@link AdminCall#toFrame}).
 */
interface NodeClient {

  NodeAddress address();

  /** Sends the call; the future holds the success envelope (a secure client must be opened first). */
  Future<JsonObject> send(AdminCall call, long timeoutMillis);

  /** Waits for a future of a client, turning every failure into a CommandException. */
  static <T> T await(Future<T> future, long timeoutMillis) {
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
}
