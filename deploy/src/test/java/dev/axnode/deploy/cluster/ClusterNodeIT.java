package dev.axnode.deploy.cluster;

import dev.axnode.deploy.AxCli;
import dev.axnode.deploy.JsPeer;
import dev.axnode.deploy.NodeProcess;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.NodeIdentity;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.SettingsChanged;
import dev.axnode.kernel.message.SettingsGet;
import dev.axnode.kernel.message.SettingsSet;
import dev.axnode.kernel.message.SignPurpose;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import dev.axnode.kernel.message.VerticleList;
import dev.axnode.kernel.message.VerticleInfo;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One node in two member JVMs: the keystore, settings and admin API in one, the swarm layers
 * in the other; the test JVM joins as a third member and drives the verticles by event-bus
 * messages at their addresses, as the verticles drive each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNodeIT {

  @TempDir
  static Path dir;
  private static NodeProcess keys;
  private static NodeProcess swarm;
  private static Vertx probe;
  private static AxCli ax;

  @BeforeAll
  static void start() throws Exception {
    ClusterMembers.issue(dir.resolve("keys"), dir.resolve("swarm"), dir.resolve("probe"));
    keys = ClusterMembers.member(dir.resolve("keys"), "keystore,settings,admin-api", null);
    swarm = ClusterMembers.member(dir.resolve("swarm"), "transport,psk,handshake", ClusterMembers.hazelcastPort(keys));
    probe = ClusterMembers.join(dir.resolve("probe/cluster"), ClusterMembers.hazelcastPort(keys));
    ax = new AxCli(dir.resolve("config"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (probe != null) {
      probe.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (NodeProcess member : new NodeProcess[] {swarm, keys}) {
      if (member != null) {
        member.close();
      }
    }
  }

  @Test
  @Order(1)
  void bothMembersAreOneNodeAndAxInspectsIt() throws Exception {
    assertEquals(keys.nodeId(), swarm.nodeId(), "the swarm member got its node ID from the keystore member");
    assertTrue(keys.logText().contains("engine OpenSSL") && swarm.logText().contains("engine OpenSSL"),
        "both members' event buses run on OpenSSL\n" + keys.logText());
    AxCli.Result inspect = ax.run("nodes", "inspect", "--json", "--local", "localhost:" + ClusterMembers.httpPort(keys, swarm));
    assertEquals(0, inspect.exitCode(), inspect.toString());
    assertTrue(inspect.stdout().contains(keys.nodeId()), inspect.stdout());
  }

  @Test
  @Order(2)
  void aJsPeerCompletesNoiseWithTheSwarmMemberSignedInTheKeystoreMember() throws Exception {
    String local = "localhost:" + ClusterMembers.httpPort(keys, swarm);
    String key = ax.run("swarms", "keygen").stdout().strip();
    Path keyFile = Files.writeString(dir.resolve("swarm.key"), key);
    assertEquals(0, ax.run("settings", "set", "com.actyx.os/general/swarmKey", key, "--local", local).exitCode());
    String address = "/ip4/127.0.0.1/tcp/" + ClusterMembers.swarmPort(swarm, keys) + "/p2p/" + keys.nodeId();
    // the new key reaches the psk layer in the other JVM as a published SettingsChanged; a dial
    // racing it is refused, so the first few may fail
    JsonObject outcome = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try (JsPeer js = JsPeer.run("dial", address, "--psk", keyFile.toString(), "--ping", "2", "--timeout-ms", "15000")) {
        outcome = js.outcome(60);
        if (outcome.getString("event").equals("done")) {
          return;
        }
      }
    }
    throw new AssertionError("js never completed pnet + Noise + ping with the swarm member: " + outcome
        + "\n--- swarm member\n" + swarm.logText());
  }

  @Test
  @Order(3)
  void aTestMemberDrivesKeystoreSettingsAndKernelByBusMessages() throws Exception {
    NodeIdentity identity = await(BusRequests.request(probe, Addresses.KEYSTORE_IDENTITY, null));
    assertEquals(keys.nodeId(), identity.nodeId().toString());
    Signature signature = await(BusRequests.request(probe, Addresses.KEYSTORE_SIGN,
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, new byte[32])));
    assertEquals(64, signature.bytes().length);

    CompletableFuture<SettingsChanged> changed = new CompletableFuture<>();
    probe.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, m -> changed.complete(m.body()))
        .completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    await(BusRequests.request(probe, Addresses.SETTINGS_SET,
        new SettingsSet("com.actyx.os/general/displayName", "over the bus")));
    JsonValue name = await(BusRequests.request(probe, Addresses.SETTINGS_GET,
        new SettingsGet("com.actyx.os/general/displayName", false)));
    assertEquals("over the bus", name.value());
    SettingsChanged published = changed.get(30, TimeUnit.SECONDS);
    assertEquals("over the bus", published.settings().getJsonObject("com.actyx.os").getJsonObject("general")
        .getString("displayName"));

    // The node-wide kernel addresses serve their own JVM only; a member's kernel answers at its own addresses.
    ClusterManager cluster = ((VertxInternal) probe).clusterManager();
    List<String> names = new ArrayList<>();
    for (String member : cluster.getNodes()) {
      if (member.equals(cluster.getNodeId())) {
        continue;
      }
      NodeStatus status = await(BusRequests.request(probe,
          Addresses.kernelMember(member, Addresses.MEMBER_NODE_STATUS), null));
      assertTrue(status.version() != null && status.startedAtMillis() > 0, status.toString());
      VerticleList list = await(BusRequests.request(probe,
          Addresses.kernelMember(member, Addresses.MEMBER_VERTICLES_LIST), null));
      list.verticles().stream().map(VerticleInfo::name).forEach(names::add);
    }
    assertTrue(names.containsAll(List.of("keystore", "settings", "admin-api", "transport", "psk", "handshake")),
        names.toString());
  }

  @Test
  @Order(4)
  void theBusRunsTls13OnOpenSslAndRefusesAClientWithoutACertificate() throws Exception {
    int busPort = ClusterMembers.busPort(keys);
    BusTls.Probe member = BusTls.connect(probe, dir.resolve("probe/cluster"), busPort, true);
    assertEquals("TLSv1.3", member.protocol());
    assertTrue(member.sessionClass().contains("OpenSsl"), "an OpenSSL session, not " + member.sessionClass());
    assertTrue(io.netty.handler.ssl.OpenSsl.isAvailable());
    assertTrue(BusTls.closedWithoutCertificate(probe, dir.resolve("probe/cluster"), busPort),
        "a client without a member certificate is refused");
  }

  @Test
  @Order(5)
  void aRogueMemberWithTheClusterNameButNoCertificateGetsNoMessage() throws Exception {
    String clusterName = Files.readString(dir.resolve("keys/cluster/cluster-name")).strip();
    Vertx rogue = RogueMember.join(clusterName, ClusterMembers.hazelcastPort(keys));
    try {
      CompletableFuture<Object> stolen = new CompletableFuture<>();
      rogue.eventBus().consumer(Addresses.SETTINGS_CHANGED, m -> stolen.complete(m.body()))
          .completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      CompletableFuture<SettingsChanged> legit = new CompletableFuture<>();
      probe.eventBus().<SettingsChanged>consumer(Addresses.SETTINGS_CHANGED, m -> legit.complete(m.body()))
          .completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      await(BusRequests.request(probe, Addresses.SETTINGS_SET,
          new SettingsSet("com.actyx.os/general/displayName", "not for the rogue")));
      legit.get(30, TimeUnit.SECONDS);
      // the rogue's own request cannot reach the keystore either: its plain connection meets TLS
      Future<Object> asked = rogue.eventBus().request(Addresses.KEYSTORE_IDENTITY, null,
          new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(3000)).map(m -> m.body());
      assertTrue(asked.toCompletionStage().toCompletableFuture().handle((ok, failure) -> failure != null)
          .get(30, TimeUnit.SECONDS), "the rogue got an answer from the keystore");
      assertTrue(!stolen.isDone(), "the rogue received a settings publication: " + stolen.getNow(null));
    } finally {
      rogue.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(6)
  void theKeystoreMemberRestartsWithTheSameNodeId() throws Exception {
    String nodeId = keys.nodeId();
    keys.close();
    keys = ClusterMembers.member(dir.resolve("keys"), "keystore,settings,admin-api", ClusterMembers.hazelcastPort(swarm));
    assertEquals(nodeId, keys.nodeId());
    NodeIdentity identity = await(BusRequests.request(probe, Addresses.KEYSTORE_IDENTITY, null));
    assertEquals(nodeId, identity.nodeId().toString());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
