package dev.axnode.cli;

/**
 * With {@code -Dax.trace=true}, prints to stderr when each step of a command is reached: the
 * wall clock (epoch milliseconds, to compare with the time the process was started), the
 * milliseconds since the first mark ({@code main}) and the thread. How the README's "How fast
 * is ax" figures were found. Off by default, and then one boolean test per mark.
 */
final class StartupTrace {

  private static final boolean ENABLED = Boolean.getBoolean("ax.trace");
  private static final long FIRST_NANOS = System.nanoTime();

  private StartupTrace() {
  }

  static void mark(String step) {
    if (ENABLED) {
      // A StringBuilder, not +: string concatenation is linked at run time on first use, which
      // the trace would then measure in its own marks.
      System.err.println(new StringBuilder("ax.trace ").append(System.currentTimeMillis())
          .append(" +").append((System.nanoTime() - FIRST_NANOS) / 1_000_000).append(" ms ").append(step)
          .append(" [").append(Thread.currentThread().getName()).append(']'));
    }
  }
}
