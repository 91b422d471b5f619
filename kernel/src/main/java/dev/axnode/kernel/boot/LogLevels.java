package dev.axnode.kernel.boot;

import io.vertx.core.json.JsonObject;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Applies {@code com.actyx.os/general/logLevels} at once: {@code os} sets the node's own
 * loggers ({@code dev.axnode}, Vert.x, Netty), {@code apps} the {@code apps} logger tree.
 * Only Logback can be changed at run time; with another SLF4J backend this does nothing.
 */
final class LogLevels {

  private static final Logger LOG = LoggerFactory.getLogger(LogLevels.class);
  private static final String[] OS_LOGGERS = {"dev.axnode", "io.vertx", "io.netty"};

  private String os;
  private String apps;

  void apply(JsonObject settings) {
    JsonObject levels = settings.getJsonObject("com.actyx.os", new JsonObject())
        .getJsonObject("general", new JsonObject()).getJsonObject("logLevels", new JsonObject());
    String newOs = levels.getString("os", "INFO").toUpperCase(Locale.ROOT);
    String newApps = levels.getString("apps", "INFO").toUpperCase(Locale.ROOT);
    if (newOs.equals(os) && newApps.equals(apps)) {
      return;
    }
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!isLogback(factory)) {
      return;
    }
    for (String name : OS_LOGGERS) {
      setLevel(factory, name, newOs);
    }
    setLevel(factory, "apps", newApps);
    LOG.info("log levels now os={} apps={}", newOs, newApps);
    os = newOs;
    apps = newApps;
  }

  private static boolean isLogback(ILoggerFactory factory) {
    try {
      return factory instanceof ch.qos.logback.classic.LoggerContext;
    } catch (NoClassDefFoundError e) {
      return false;
    }
  }

  private static void setLevel(ILoggerFactory factory, String name, String level) {
    ch.qos.logback.classic.Logger logger = ((ch.qos.logback.classic.LoggerContext) factory).getLogger(name);
    logger.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.INFO));
  }
}
