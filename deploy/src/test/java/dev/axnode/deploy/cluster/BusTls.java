package dev.axnode.deploy.cluster;

import dev.axnode.kernel.cluster.ClusterBus;
import dev.axnode.kernel.cluster.ClusterFiles;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Direct TLS connections to a member's event-bus port, to see what the bus really speaks. */
final class BusTls {

  record Probe(String protocol, String sessionClass) {
  }

  private BusTls() {
  }

  /** Connects as a member would (its certificate, the CA, the engine of {@link ClusterBus}) and reads the session. */
  static Probe connect(Vertx vertx, Path clusterDir, int port, boolean withCertificate) throws Exception {
    NetClient client = vertx.createNetClient(options(clusterDir, withCertificate));
    try {
      NetSocket socket = client.connect(port, ClusterMembers.HOST).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      Probe probe = new Probe(socket.sslSession().getProtocol(), socket.sslSession().getClass().getName());
      socket.close();
      return probe;
    } finally {
      client.close();
    }
  }

  /**
   * Connects with the CA as trust but no client certificate: TLS 1.3 completes the client's
   * side first, so the refusal shows as the member closing the connection at once.
   */
  static boolean closedWithoutCertificate(Vertx vertx, Path clusterDir, int port) throws Exception {
    NetClient client = vertx.createNetClient(options(clusterDir, false));
    try {
      CompletableFuture<Boolean> closed = new CompletableFuture<>();
      client.connect(port, ClusterMembers.HOST).onComplete(ar -> {
        if (ar.failed()) {
          closed.complete(true);
          return;
        }
        NetSocket socket = ar.result();
        socket.closeHandler(v -> closed.complete(true));
        socket.handler(data -> closed.complete(false));
        socket.write(Buffer.buffer(new byte[] {0, 0, 0, 1, 0}));
      });
      return closed.get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private static NetClientOptions options(Path clusterDir, boolean withCertificate) throws Exception {
    EventBusOptions tls = ClusterBus.tls(new EventBusOptions(), new ClusterFiles(clusterDir));
    if (!withCertificate) {
      tls.setKeyCertOptions(null);
    }
    return new NetClientOptions(tls.toJson()).setHostnameVerificationAlgorithm("");
  }
}
