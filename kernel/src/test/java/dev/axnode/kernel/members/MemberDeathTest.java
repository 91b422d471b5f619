package dev.axnode.kernel.members;

import static dev.axnode.kernel.members.ClusteredMessagesTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.Addresses;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.boot.Kernel;
import dev.axnode.kernel.message.SignRequest;
import dev.axnode.kernel.message.Signature;
import dev.axnode.kernel.message.VerticleInfo;
import dev.axnode.kernel.message.VerticleList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member killed with SIGKILL (a child JVM running the keystore): requests to its verticle,
 * in flight or new, fail within the 2 s control deadline with ERR_NODE_UNREACHABLE naming
 * the keystore, never hang; the node's listing goes on without the dead member's verticles.
 */
class MemberDeathTest {

  private static final Logger LOG = LoggerFactory.getLogger(MemberDeathTest.class);
  /** Timers fire late on a machine shared by many builds; a hang would take 10 s or forever. */
  private static final long SCHEDULING_SLACK_MS = 500;

  private Process keystoreMember;
  private Vertx survivor;
  private Kernel kernel;

  @AfterEach
  void stop() throws Exception {
    if (keystoreMember != null) {
      keystoreMember.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (kernel != null) {
      await(kernel.stop());
    } else if (survivor != null) {
      await(survivor.close());
    }
  }

  @Test
  void requestsToAKilledMembersVerticleFailFastNamingIt() throws Exception {
    TestCluster cluster = TestCluster.of(2);
    keystoreMember = startMember(cluster, 0);
    survivor = cluster.start(1);
    kernel = new Kernel(survivor, KernelMembersTest.member(KernelMembersTest.echo("echo")));
    await(kernel.start());
    Signature signed = await(BusRequests.request(survivor, Addresses.KEYSTORE_SIGN, SignRequest.noiseStaticKey(new byte[32])));
    assertEquals(64, signed.bytes().length);

    byte[] hold = new byte[32];
    hold[0] = FakeKeystoreVerticle.HOLD;
    long inFlightSent = System.nanoTime();
    Future<Signature> inFlight = BusRequests.request(survivor, Addresses.KEYSTORE_SIGN, SignRequest.noiseStaticKey(hold));
    keystoreMember.destroyForcibly();
    assertTrue(keystoreMember.waitFor(30, TimeUnit.SECONDS));
    // Sent at once, while the cluster still lists the dead member and its consumers.
    long sent = System.nanoTime();
    Future<Signature> afterKill = BusRequests.request(survivor, Addresses.KEYSTORE_SIGN,
        SignRequest.noiseStaticKey(new byte[32]));
    assertFailsFastNamingTheKeystore(inFlight, inFlightSent);
    assertFailsFastNamingTheKeystore(afterKill, sent);

    long listed = System.nanoTime();
    VerticleList list = await(BusRequests.request(survivor, Addresses.KERNEL_VERTICLES_LIST, null));
    assertTrue(elapsedMs(listed) < BusRequests.DEFAULT_TIMEOUT_MS, "listing took " + elapsedMs(listed) + " ms");
    assertEquals(List.of("echo"), list.verticles().stream().map(VerticleInfo::name).toList());

    // Once the cluster has dropped the member, nothing serves the keystore: refused at once.
    Members.awaitTrue(() -> ((VertxInternal) survivor).clusterManager().getNodes().size() == 1, 30_000,
        "the cluster to drop the killed member");
    long afterDrop = System.nanoTime();
    AxException gone = assertFailsFastNamingTheKeystore(
        BusRequests.request(survivor, Addresses.KEYSTORE_SIGN, SignRequest.noiseStaticKey(new byte[32])), afterDrop);
    assertTrue(gone.getMessage().contains("not running on any member"), gone.getMessage());
  }

  private static AxException assertFailsFastNamingTheKeystore(Future<?> request, long sentNanos) throws Exception {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(request));
    long took = elapsedMs(sentNanos);
    AxException failure = assertInstanceOf(AxException.class, e.getCause());
    assertEquals(ErrorCode.NODE_UNREACHABLE, failure.code(), failure.getMessage());
    assertTrue(failure.getMessage().contains("keystore"), failure.getMessage());
    assertTrue(took <= BusRequests.DEFAULT_TIMEOUT_MS + SCHEDULING_SLACK_MS, "failed after " + took + " ms");
    LOG.info("failed after {} ms: [{}] {}", took, failure.code().wireName(), failure.getMessage());
    return failure;
  }

  private static long elapsedMs(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
  }

  /** Starts {@link MemberMain} in a JVM of its own and waits for its READY line. */
  private static Process startMember(TestCluster cluster, int index) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"), MemberMain.class.getName(), Integer.toString(index)));
    command.addAll(cluster.args());
    File log = new File("target/member-" + index + "-" + cluster.name + ".log");
    Process process = new ProcessBuilder(command).redirectError(log).start();
    CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.equals("READY")) {
            return;
          }
        }
        throw new IllegalStateException("the member exited before it was ready; see " + log);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
  }
}
