package dev.axnode.kernel.members;

import static dev.axnode.kernel.members.ClusteredMessagesTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.echo.EchoVerticle;
import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.boot.Kernel;
import dev.axnode.kernel.boot.NodeConfig;
import dev.axnode.kernel.message.NodeStatus;
import dev.axnode.kernel.message.SwapRequest;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import dev.axnode.kernel.registry.VerticleSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One node on two members, each member's kernel running its share of the verticles: A the
 * keystore and "echo-a", B "echo-b". Either member answers for the whole node, and a swap
 * asked of either reaches the member that runs the verticle.
 */
class KernelMembersTest {

  private static Vertx a;
  private static Vertx b;
  private static Kernel kernelA;
  private static Kernel kernelB;

  @BeforeAll
  static void startTwoMembers() throws Exception {
    TestCluster cluster = TestCluster.of(2);
    a = cluster.start(0);
    b = cluster.start(1);
    kernelA = new Kernel(a, member(FakeKeystoreSpec.keystore(), echo("echo-a")));
    await(kernelA.start());
    kernelB = new Kernel(b, member(echo("echo-b")));
    await(kernelB.start());
  }

  @AfterAll
  static void stop() throws Exception {
    await(Future.join(kernelA.stop(), kernelB.stop()));
  }

  static NodeConfig member(VerticleSpec... verticles) throws Exception {
    Path data = Files.createTempDirectory("ax-member");
    return new NodeConfig().setDataDir(data).setVerticles(List.of(verticles));
  }

  static VerticleSpec echo(String name) {
    return new VerticleSpec(name, EchoVerticle.class.getName(), null, null);
  }

  @Test
  void eitherMemberListsTheWholeNodeWithEachVerticlesMember() throws Exception {
    for (Vertx asking : List.of(a, b)) {
      VerticleList list = await(BusRequests.request(asking, Addresses.KERNEL_VERTICLES_LIST, null));
      Map<String, String> memberOf = list.verticles().stream()
          .filter(v -> "RUNNING".equals(v.state()))
          .collect(Collectors.toMap(VerticleInfo::name, v -> v.member().id()));
      assertEquals(Map.of("keystore", nodeId(a), "echo-a", nodeId(a), "echo-b", nodeId(b)), memberOf);
      for (VerticleInfo info : list.verticles()) {
        assertEquals(ProcessHandle.current().pid(), info.member().pid());
        assertTrue(info.member().host() != null && !info.member().host().isBlank(), info.toString());
        assertTrue(info.member().address().startsWith("127.0.0.1:"), info.toString());
      }
    }
  }

  @Test
  void aSwapAskedOfEitherMemberRunsOnTheMemberOfTheVerticle() throws Exception {
    String before = deploymentOf(a, "echo-b");
    VerticleInfo swapped = await(BusRequests.request(a, Addresses.KERNEL_VERTICLES_SWAP,
        new SwapRequest("echo-b", null, null, null), 30_000));
    assertEquals(nodeId(b), swapped.member().id());
    assertNotEquals(before, swapped.deploymentId());
    assertEquals(swapped.deploymentId(), deploymentOf(b, "echo-b"));

    VerticleInfo keystore = await(BusRequests.request(b, Addresses.KERNEL_VERTICLES_SWAP,
        new SwapRequest("keystore", null, null, null), 30_000));
    assertEquals(nodeId(a), keystore.member().id());
  }

  @Test
  void aSwapOfAVerticleNoMemberRunsNamesTheWholeNodes() {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> await(BusRequests.request(b, Addresses.KERNEL_VERTICLES_SWAP, new SwapRequest("nope", null, null, null))));
    AxException failure = (AxException) e.getCause();
    assertEquals(ErrorCode.INVALID_INPUT, failure.code());
    for (String name : List.of("'nope'", "keystore", "echo-a", "echo-b")) {
      assertTrue(failure.getMessage().contains(name), failure.getMessage());
    }
  }

  @Test
  void theNodeStatusHasEveryMembersSockets() throws Exception {
    NodeStatus status = await(BusRequests.request(b, Addresses.KERNEL_NODE_STATUS, null));
    assertTrue(status.addresses().contains(FakeKeystoreVerticle.BOUND), status.toString());
  }

  private static String deploymentOf(Vertx asking, String name) throws Exception {
    VerticleList list = await(BusRequests.request(asking, Addresses.KERNEL_VERTICLES_LIST, null));
    return list.verticles().stream().filter(v -> v.name().equals(name) && "RUNNING".equals(v.state()))
        .findFirst().orElseThrow().deploymentId();
  }

  static String nodeId(Vertx vertx) {
    return ((VertxInternal) vertx).clusterManager().getNodeId();
  }
}
