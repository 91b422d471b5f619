package dev.axnode.kernel.registry;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads a swapped-in verticle from its jar before the node's own class path, so a jar can
 * replace a built-in implementation of the same class name. The contracts the verticle
 * talks through (the kernel, Vert.x, Netty, logging, the JDK) always come from the node,
 * so messages and codecs stay one type on both sides.
 */
final class ChildFirstClassLoader extends URLClassLoader {

  private static final String[] SHARED_PREFIXES = {
      "java.", "javax.", "jdk.", "sun.", "dev.axnode.kernel.", "io.vertx.", "io.netty.", "org.slf4j.",
      "ch.qos.logback.", "com.fasterxml.jackson."
  };

  static {
    ClassLoader.registerAsParallelCapable();
  }

  ChildFirstClassLoader(URL jar, ClassLoader parent) {
    super(new URL[] {jar}, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    for (String prefix : SHARED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return super.loadClass(name, resolve);
      }
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        try {
          loaded = findClass(name);
        } catch (ClassNotFoundException e) {
          loaded = getParent().loadClass(name);
        }
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }
}
