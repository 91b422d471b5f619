package dev.axnode.events.store;

/**
 * The node's own stream in the file is not where this store instance left it: another
 * instance (the other half of a make-before-break swap) committed meanwhile. The group is
 * retried from the file's state; nothing was written.
 */
final class StaleStateException extends RuntimeException {

  StaleStateException(String source, long expected, long held) {
    super("the stream of " + source + " ends at " + held + " in the file, not at " + expected);
  }
}
