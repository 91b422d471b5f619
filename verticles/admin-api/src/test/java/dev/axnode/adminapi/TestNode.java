package dev.axnode.adminapi;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.boot.Kernel;
import dev.axnode.kernel.boot.NodeConfig;
import dev.axnode.kernel.message.BoundAddress;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.axnode.adminapi.AdminTestClient.await;

/**
 * A real node core for the admin API's tests: kernel registry, keystore, settings and
 * admin-api on real Vert.x and real sockets, ports 0, the secure API on all interfaces.
 * Clients made through it are closed with it.
 */
final class TestNode implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  private final Kernel kernel;
  private final List<AdminTestClient> clients = new ArrayList<>();
  /** Held until the node stops: Vert.x closes a NetClient (and its connections) once it is garbage. */
  private final List<NetClient> rawClients = new ArrayList<>();
  private int adminPort;
  private int httpPort;
  private int eventsPort;

  /** {@code adminConfig}: the admin-api verticle's own config; {@code adminOpen}: the node flag. */
  TestNode(Path dataDir, JsonObject adminConfig, boolean adminOpen) {
    this(dataDir, new NodeConfig().setAdminOpen(adminOpen), adminConfig);
  }

  /**
   * With the node-wide {@code config} (its data directory and ports are set here), the
   * admin-api verticle's own {@code adminConfig}, and {@code more} verticles after admin-api.
   */
  TestNode(Path dataDir, NodeConfig config, JsonObject adminConfig, VerticleSpec... more) {
    List<VerticleSpec> verticles = new ArrayList<>(List.of(
        new VerticleSpec("keystore", "dev.axnode.keystore.KeystoreVerticle", null,
            new JsonObject().put("scryptLog2N", 4)),
        new VerticleSpec("settings", "dev.axnode.settings.SettingsVerticle", null, null),
        new VerticleSpec("admin-api", AdminApiVerticle.class.getName(), null, adminConfig)));
    verticles.addAll(List.of(more));
    config.setDataDir(dataDir).setHttpPort(0).setAdminPort(0).setSwarmPort(0).setEventsPort(0).setVerticles(verticles);
    kernel = new Kernel(vertx, config);
    await(kernel.start());
    NodeStatus status = await(BusRequests.request(vertx, Addresses.KERNEL_NODE_STATUS, null));
    for (BoundAddress address : status.addresses()) {
      if (address.protocol().equals("libp2p")) {
        adminPort = address.port();
      } else if (address.protocol().equals("http")) {
        httpPort = address.port();
      } else if (address.protocol().equals(AdminApiVerticle.EVENTS_PROTOCOL)) {
        eventsPort = address.port();
      }
    }
    if (adminPort <= 0 || httpPort <= 0) {
      throw new AssertionError("bound: " + status.addresses());
    }
  }

  int adminPort() {
    return adminPort;
  }

  /** The event API's port (4454 in production). */
  int eventsPort() {
    return eventsPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** A client from and to 127.0.0.1 that completed its handshake. */
  AdminTestClient connect(Ed25519PrivateKeyParameters key) {
    return connect("127.0.0.1", key, null);
  }

  /** A client to {@code host} from {@code localAddress} (null: any) that completed its handshake. */
  AdminTestClient connect(String host, Ed25519PrivateKeyParameters key, String localAddress) {
    AdminTestClient client = await(AdminTestClient.tryConnect(vertx, host, adminPort, key, localAddress));
    clients.add(client);
    return client;
  }

  /** A plain TCP client from {@code localAddress} (null: any). */
  NetClient rawClient(String localAddress) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setLocalAddress(localAddress));
    rawClients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.forEach(AdminTestClient::close);
    await(kernel.stop());
    await(vertx.close());
  }
}
