package dev.axnode.cli;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.vertx.core.spi.logging.LogDelegate;
import io.vertx.core.spi.logging.LogDelegateFactory;

/**
 * Vert.x's and Netty's logging in the {@code ax} process: none, as slf4j-nop already makes
 * the CLI's own. Both libraries otherwise probe for a backend on first use (SLF4J, Log4j 2,
 * Log4j), find slf4j-nop "unconfigured", and fall back to java.util.logging, whose start
 * (LogManager, logging.properties, handlers) cost every command time for no output a user
 * should see. Vert.x takes this class by name ({@code vertx.logger-delegate-factory-class-name}).
 */
public final class QuietLogs implements LogDelegateFactory {

  /** Every level off: Vert.x asks before it formats anything. */
  private static final LogDelegate NONE = new LogDelegate() {
    @Override
    public String implementation() {
      return "none";
    }

    @Override
    public boolean isWarnEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public void error(Object message) {
      // off
    }

    @Override
    public void error(Object message, Throwable t) {
      // off
    }

    @Override
    public void warn(Object message) {
      // off
    }

    @Override
    public void warn(Object message, Throwable t) {
      // off
    }

    @Override
    public void info(Object message) {
      // off
    }

    @Override
    public void info(Object message, Throwable t) {
      // off
    }

    @Override
    public void debug(Object message) {
      // off
    }

    @Override
    public void debug(Object message, Throwable t) {
      // off
    }

    @Override
    public void trace(Object message) {
      // off
    }

    @Override
    public void trace(Object message, Throwable t) {
      // off
    }

  };

  /** Installs it; call before Vert.x or Netty log anything. */
  static void install() {
    System.setProperty("vertx.logger-delegate-factory-class-name", QuietLogs.class.getName());
    InternalLoggerFactory.setDefaultFactory(QuietNettyLogs.INSTANCE);
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public LogDelegate createDelegate(String name) {
    return NONE;
  }
}
