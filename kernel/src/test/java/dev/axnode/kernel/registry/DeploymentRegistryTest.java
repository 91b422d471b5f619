package dev.axnode.kernel.registry;

import dev.axnode.echo.EchoVerticle;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.BusRequests;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.message.VerticleInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class DeploymentRegistryTest {

  private static final VerticleSpec ECHO = new VerticleSpec("echo", EchoVerticle.class.getName(), null, null);

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static String echo(Vertx vertx) throws Exception {
    return await(BusRequests.request(vertx, EchoVerticle.ADDRESS, "hi"));
  }

  @Test
  void swapServesFromTheNewInstanceAndUndeploysTheOld(Vertx vertx) throws Exception {
    DeploymentRegistry registry = new DeploymentRegistry(vertx, new JsonObject());
    VerticleInfo first = await(registry.deploy(ECHO));
    assertTrue(echo(vertx).startsWith(first.deploymentId()));

    VerticleInfo second = await(registry.swap("echo",
        new VerticleSpec("echo", EchoVerticle.class.getName(), null, new JsonObject().put("flavour", "new"))));
    assertNotEquals(first.deploymentId(), second.deploymentId());
    await(vertx.timer(50));
    assertTrue(echo(vertx).endsWith("|new"));
    List<VerticleInfo> list = registry.list();
    assertEquals(1, list.size());
    assertEquals("RUNNING", list.get(0).state());
    assertEquals(second.deploymentId(), list.get(0).deploymentId());
    assertEquals(1, vertx.deploymentIDs().size());
  }

  @Test
  void failedSwapLeavesTheOldInstanceServing(Vertx vertx) throws Exception {
    DeploymentRegistry registry = new DeploymentRegistry(vertx, new JsonObject());
    VerticleInfo first = await(registry.deploy(ECHO));
    Exception failure = assertThrows(Exception.class, () -> await(registry.swap("echo",
        new VerticleSpec("echo", EchoVerticle.class.getName(), null, new JsonObject().put("failToStart", true)))));
    assertTrue(failure.getCause().getMessage().contains("old instance keeps serving"), failure.getCause().getMessage());
    assertTrue(echo(vertx).startsWith(first.deploymentId()));

    Exception missing = assertThrows(Exception.class, () -> await(registry.swap("echo",
        new VerticleSpec("echo", "no.such.Verticle", null, null))));
    assertEquals(ErrorCode.INVALID_INPUT, AxException.from(missing.getCause()).code());
    assertTrue(echo(vertx).startsWith(first.deploymentId()));
  }

  @Test
  void unknownNameIsAClearError(Vertx vertx) throws Exception {
    DeploymentRegistry registry = new DeploymentRegistry(vertx, new JsonObject());
    await(registry.deploy(ECHO));
    Exception failure = assertThrows(Exception.class, () -> await(registry.swap("nope", null)));
    assertTrue(failure.getCause().getMessage().contains("deployed: echo"));
  }

  @Test
  void swapLoadsTheImplementationFromAJarWithItsOwnClassLoader(Vertx vertx, @TempDir Path dir) throws Exception {
    Path jar = dir.resolve("echo.jar");
    writeJar(jar, EchoVerticle.class);
    DeploymentRegistry registry = new DeploymentRegistry(vertx, new JsonObject());
    await(registry.deploy(ECHO));
    VerticleInfo swapped = await(registry.swap("echo", new VerticleSpec("echo", null, jar.toString(), null)));
    assertEquals("9.9.9-test", swapped.version());
    assertEquals(jar.toString(), swapped.source());
    await(vertx.timer(50));
    assertTrue(echo(vertx).contains("|ChildFirstClassLoader|"), echo(vertx));
  }

  @Test
  void noRequestFailsWhileSwapping(Vertx vertx) throws Exception {
    DeploymentRegistry registry = new DeploymentRegistry(vertx, new JsonObject());
    await(registry.deploy(ECHO));
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger();
    List<Future<String>> requests = new java.util.ArrayList<>();
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 400; i++) {
        requests.add(BusRequests.<String>request(vertx, EchoVerticle.ADDRESS, "hi")
            .onSuccess(r -> answered.incrementAndGet()).onFailure(f -> failures.incrementAndGet()));
      }
      await(registry.swap("echo", null));
    }
    await(Future.join(new java.util.ArrayList<>(requests)).otherwiseEmpty());
    assertEquals(0, failures.get());
    assertEquals(2000, answered.get());
  }

  private static void writeJar(Path jar, Class<?> type) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(VerticleLoader.MANIFEST_CLASS, type.getName());
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9.9-test");
    String entry = type.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entry));
      try (var in = type.getClassLoader().getResourceAsStream(entry)) {
        in.transferTo(out);
      }
      out.closeEntry();
    }
  }
}
