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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.axnode.adminapi.AdminTestClient.await;

/**
 * On-demand benchmark (run by {@code verticles/admin-api/bench.sh}, not by the build): admin
 * requests per second over one secure connection, one stream, 32 requests outstanding, against
 * a node of keystore + settings + admin-api in this JVM.
 */
public final class SecureApiThroughput {

  private static final int OUTSTANDING = 32;

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    Path data = Files.createTempDirectory("ax-bench");
    Vertx vertx = Vertx.vertx();
    Kernel kernel = new Kernel(vertx, new NodeConfig().setDataDir(data).setHttpPort(0).setAdminPort(0).setSwarmPort(0)
        .setVerticles(List.of(new VerticleSpec("keystore", "dev.axnode.keystore.KeystoreVerticle", null, null),
            new VerticleSpec("settings", "dev.axnode.settings.SettingsVerticle", null, null),
            new VerticleSpec("admin-api", AdminApiVerticle.class.getName(), null, null))));
    await(kernel.start());
    NodeStatus status = await(BusRequests.request(vertx, Addresses.KERNEL_NODE_STATUS, null));
    int port = status.addresses().stream().filter(a -> a.protocol().equals("libp2p")).mapToInt(BoundAddress::port)
        .findFirst().orElseThrow();
    AdminTestClient client = AdminTestClient.connect(vertx, port, AdminTestClient.newKey());
    TestStream stream = client.openStream();
    JsonObject params = new JsonObject().put("scope", "com.actyx.os/general/displayName");
    long id = 0;
    for (int i = 0; i < OUTSTANDING; i++) {
      stream.send(TestStream.request(++id, "settings.get", params));
    }
    for (int round = 0; round < 2; round++) {
      long answered = 0;
      long started = System.nanoTime();
      long deadline = started + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        JsonObject response = stream.next();
        if (!"OK".equals(response.getString("code"))) {
          throw new IllegalStateException("unexpected answer " + response.encode());
        }
        answered++;
        stream.send(TestStream.request(++id, "settings.get", params));
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      System.out.printf("%s: %d admin requests in %.1f s over one secure connection = %.0f requests/s%n",
          round == 0 ? "warm-up" : "measured", answered, elapsed, answered / elapsed);
    }
    client.close();
    await(kernel.stop());
  }
}
