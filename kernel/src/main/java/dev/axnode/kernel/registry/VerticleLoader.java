package dev.axnode.kernel.registry;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.AxVersion;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.Deployable;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Instantiates a verticle implementation, built in or from a jar. A jar names its class in
 * the manifest attribute {@code Ax-Verticle} (unless the request names it) and its version
 * in {@code Implementation-Version}. Blocking (it reads the jar): call from a worker.
 */
public final class VerticleLoader {

  public static final String MANIFEST_CLASS = "Ax-Verticle";

  /** A loaded implementation, with the class loader to close once it is undeployed (null when built in). */
  record Loaded(Deployable verticle, String className, String version, ChildFirstClassLoader loader) {
  }

  private VerticleLoader() {
  }

  static Loaded load(VerticleSpec spec) {
    if (spec.jarPath() == null) {
      return instantiate(spec.className(), VerticleLoader.class.getClassLoader(), null, null);
    }
    Path jar = Path.of(spec.jarPath());
    if (!Files.isReadable(jar)) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Cannot read verticle jar " + jar);
    }
    Manifest manifest = manifest(jar);
    Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
    String className = spec.className() != null ? spec.className() : main.getValue(MANIFEST_CLASS);
    if (className == null) {
      throw new AxException(ErrorCode.INVALID_INPUT,
          "Jar " + jar + " names no verticle class: give --class or the manifest attribute " + MANIFEST_CLASS);
    }
    ChildFirstClassLoader loader;
    try {
      loader = new ChildFirstClassLoader(jar.toUri().toURL(), VerticleLoader.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Bad jar path " + jar);
    }
    return instantiate(className, loader, loader, main.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
  }

  private static Manifest manifest(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest();
    } catch (IOException e) {
      throw new AxException(ErrorCode.INVALID_INPUT, "Not a readable jar: " + jar + " (" + e.getMessage() + ")");
    }
  }

  private static Loaded instantiate(String className, ClassLoader classLoader, ChildFirstClassLoader owned,
                                    String version) {
    if (className == null) {
      throw new AxException(ErrorCode.INVALID_INPUT, "No implementation class given");
    }
    try {
      Class<? extends Deployable> type = verticleClass(className, classLoader);
      Deployable verticle = type.getDeclaredConstructor().newInstance();
      String implVersion = version != null ? version : type.getPackage().getImplementationVersion();
      return new Loaded(verticle, className, implVersion != null ? implVersion : AxVersion.version(), owned);
    } catch (ReflectiveOperationException | LinkageError e) {
      closeQuietly(owned);
      throw new AxException(ErrorCode.INVALID_INPUT, "Cannot instantiate " + className + ": " + e);
    } catch (RuntimeException e) {
      closeQuietly(owned);
      throw e;
    }
  }

  /**
   * Loads {@code className} without initialising it and checks that it is a verticle Vert.x
   * can make: an uploaded class's static initialiser is code too, so it must not run before
   * the class has passed these checks.
   */
  private static Class<? extends Deployable> verticleClass(String className, ClassLoader classLoader)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(className, false, classLoader);
    if (!Deployable.class.isAssignableFrom(type)) {
      throw new AxException(ErrorCode.INVALID_INPUT, className + " is not a Vert.x verticle");
    }
    int modifiers = type.getModifiers();
    if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || type.isInterface()) {
      throw new AxException(ErrorCode.INVALID_INPUT, className + " is not a public concrete class");
    }
    try {
      if (!Modifier.isPublic(type.getDeclaredConstructor().getModifiers())) {
        throw new NoSuchMethodException();
      }
    } catch (NoSuchMethodException e) {
      throw new AxException(ErrorCode.INVALID_INPUT, className + " has no public constructor without parameters");
    }
    return type.asSubclass(Deployable.class);
  }

  static void closeQuietly(ChildFirstClassLoader loader) {
    if (loader != null) {
      try {
        loader.close();
      } catch (IOException ignored) {
        // nothing left to do: the loader is unreachable anyway
      }
    }
  }
}
