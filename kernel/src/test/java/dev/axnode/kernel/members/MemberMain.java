package dev.axnode.kernel.members;

import dev.axnode.kernel.boot.Kernel;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A member JVM for tests that kill one: joins the cluster described by its arguments
 * ({@code index clusterName port…}), runs a kernel with the fake keystore, prints
 * {@code READY} and serves until killed or until its standard input closes (the test JVM
 * is gone), so no member outlives its test.
 */
public final class MemberMain {

  private MemberMain() {
  }

  public static void main(String[] args) throws Exception {
    TestCluster cluster = TestCluster.fromArgs(args, 1);
    Vertx vertx = cluster.start(Integer.parseInt(args[0]));
    Kernel kernel = new Kernel(vertx, KernelMembersTest.member(FakeKeystoreSpec.keystore()));
    kernel.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("READY");
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // Nothing to read: the test JVM only ever closes this pipe.
    }
    Runtime.getRuntime().halt(0);
  }
}
