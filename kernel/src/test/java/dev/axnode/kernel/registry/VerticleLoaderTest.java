package dev.axnode.kernel.registry;

import dev.axnode.echo.EchoVerticle;
import dev.axnode.evil.StaticInitMarker;
import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.VerticleBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A class from a jar is checked to be a verticle before any of its code runs. */
class VerticleLoaderTest {

  @TempDir
  Path dir;

  @AfterEach
  void clearMarker() {
    System.clearProperty(StaticInitMarker.MARKER_PROPERTY);
  }

  @Test
  void aClassThatIsNotAVerticleIsRefusedWithoutRunningItsStaticInitialiser() throws Exception {
    Path marker = dir.resolve("marker");
    System.setProperty(StaticInitMarker.MARKER_PROPERTY, marker.toString());
    Path jar = jarOf(dir.resolve("evil.jar"), StaticInitMarker.class);

    AxException refused = assertThrows(AxException.class,
        () -> VerticleLoader.load(new VerticleSpec("evil", null, jar.toString(), null)));

    assertEquals(ErrorCode.INVALID_INPUT, refused.code());
    assertTrue(refused.getMessage().contains("is not a Vert.x verticle"), refused.getMessage());
    assertFalse(Files.exists(marker), "the static initialiser of an uploaded class ran");
  }

  @Test
  void anAbstractVerticleOrOneWithoutAPublicNoArgConstructorIsRefused() {
    AxException abstractOne = assertThrows(AxException.class,
        () -> VerticleLoader.load(new VerticleSpec("x", AbstractVerticle.class.getName(), null, null)));
    assertTrue(abstractOne.getMessage().contains("not a public concrete class"), abstractOne.getMessage());
    AxException noConstructor = assertThrows(AxException.class,
        () -> VerticleLoader.load(new VerticleSpec("x", NeedsArgument.class.getName(), null, null)));
    assertTrue(noConstructor.getMessage().contains("no public constructor"), noConstructor.getMessage());
  }

  @Test
  void aVerticleFromAJarLoads() throws Exception {
    Path jar = jarOf(dir.resolve("echo.jar"), EchoVerticle.class);
    VerticleLoader.Loaded loaded = VerticleLoader.load(new VerticleSpec("echo", null, jar.toString(), null));
    assertEquals(EchoVerticle.class.getName(), loaded.className());
    VerticleLoader.closeQuietly(loaded.loader());
  }

  /** A jar of one compiled class, its manifest naming it as the verticle. */
  static Path jarOf(Path jar, Class<?> type) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(VerticleLoader.MANIFEST_CLASS, type.getName());
    String entry = type.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
         var in = type.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  public abstract static class AbstractVerticle extends VerticleBase {
  }

  public static final class NeedsArgument extends VerticleBase {
    public NeedsArgument(String argument) {
    }
  }
}
