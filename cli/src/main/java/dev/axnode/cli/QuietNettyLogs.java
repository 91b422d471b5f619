package dev.axnode.cli;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

/**
 * Netty's logging in the {@code ax} process: none ({@link QuietLogs} does the same for
 * Vert.x). Not through SLF4J's no-op binding: SLF4J finds it with a ServiceLoader, which opened
 * and indexed the jar at the very start of the client's thread, before anything else could
 * run there; the jar is indexed meanwhile on a thread of its own ({@link Ax#main}).
 */
final class QuietNettyLogs extends InternalLoggerFactory {

  static final QuietNettyLogs INSTANCE = new QuietNettyLogs();

  private QuietNettyLogs() {
  }

  @Override
  protected InternalLogger newInstance(String name) {
    return new Off(name);
  }

  /** Every level off: Netty asks before it formats anything, and writes nothing here. */
  private static final class Off extends AbstractInternalLogger {
    private static final long serialVersionUID = 1L;

    private Off(String name) {
      super(name);
    }

    // @formatter:off — every level, every form: nothing.
    @Override public boolean isTraceEnabled() { return false; }
    @Override public void trace(String msg) { }
    @Override public void trace(String format, Object arg) { }
    @Override public void trace(String format, Object argA, Object argB) { }
    @Override public void trace(String format, Object... arguments) { }
    @Override public void trace(String msg, Throwable t) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public void debug(String msg) { }
    @Override public void debug(String format, Object arg) { }
    @Override public void debug(String format, Object argA, Object argB) { }
    @Override public void debug(String format, Object... arguments) { }
    @Override public void debug(String msg, Throwable t) { }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public void info(String msg) { }
    @Override public void info(String format, Object arg) { }
    @Override public void info(String format, Object argA, Object argB) { }
    @Override public void info(String format, Object... arguments) { }
    @Override public void info(String msg, Throwable t) { }
    @Override public boolean isWarnEnabled() { return false; }
    @Override public void warn(String msg) { }
    @Override public void warn(String format, Object arg) { }
    @Override public void warn(String format, Object argA, Object argB) { }
    @Override public void warn(String format, Object... arguments) { }
    @Override public void warn(String msg, Throwable t) { }
    @Override public boolean isErrorEnabled() { return false; }
    @Override public void error(String msg) { }
    @Override public void error(String format, Object arg) { }
    @Override public void error(String format, Object argA, Object argB) { }
    @Override public void error(String format, Object... arguments) { }
    @Override public void error(String msg, Throwable t) { }
    // @formatter:on
  }
}
