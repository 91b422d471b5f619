package dev.axnode.cli;

import dev.axnode.kernel.AxVersion;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes the {@link NodeClient} for an address: {@link HttpNodeClient} for a host,
 * {@link SecureNodeClient} for a multiaddr. Owns the one small Vert.x instance of the
 * process and the client key pair, loaded (or created) on the first secure address only.
 */
final class NodeClients implements AutoCloseable {

  static final long CONNECT_TIMEOUT_MILLIS = NodeRequest.DEFAULT_TIMEOUT_MILLIS;
  private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

  private final Vertx vertx;
  private final WebClient web;
  private final NetClient net;
  private final CliConfig config;
  private final HostPrompt prompt;
  private final List<SecureNodeClient> secureClients = new ArrayList<>();
  private ClientKeyPair key;

  private NodeClients(Vertx vertx, CliConfig config, HostPrompt prompt) {
    this.vertx = vertx;
    this.config = config;
    this.prompt = prompt;
    this.web = WebClient.create(vertx, new WebClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT_MILLIS)
        .setUserAgent("ax/" + AxVersion.version()));
    this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT_MILLIS)
        .setTcpNoDelay(true));
  }

  static NodeClients create(CliConfig config, HostPrompt prompt) {
    // A CLI process makes a handful of requests: one event loop, no file cache, no class-path resolving.
    VertxOptions options = new VertxOptions()
        .setEventLoopPoolSize(1)
        .setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1)
        .setBlockedThreadCheckInterval(TimeUnit.HOURS.toMillis(1))
        .setFileSystemOptions(new FileSystemOptions()
            .setFileCachingEnabled(false)
            .setClassPathResolvingEnabled(false));
    return new NodeClients(Vertx.vertx(options), config, prompt);
  }

  /**
   * The client for {@code node}. For a secure address this loads the client key pair
   * (creating it, with a message on {@code err}, on first use) and starts connecting.
   */
  synchronized NodeClient forNode(NodeAddress node, boolean acceptNewHost, PrintWriter err) {
    if (node instanceof HttpNodeAddress http) {
      return new HttpNodeClient(web, http);
    }
    SecureNodeAddress secure = (SecureNodeAddress) node;
    if (key == null) {
      key = new ClientKeyFile(config.keysFile()).loadOrCreate(err);
    }
    HostVerifier verifier = new HostVerifier(config.knownHostsFile(), prompt, err, acceptNewHost);
    SecureNodeClient client = new SecureNodeClient(vertx, net, secure, key, verifier);
    secureClients.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    secureClients.forEach(SecureNodeClient::close);
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The process is about to exit; a slow close changes nothing for the user.
    }
  }
}
