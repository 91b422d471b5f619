package dev.axnode.cli;

/** A malformed frame of the secure admin API; every message starts with {@code admin frame: }. */
final class AdminFrameException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  AdminFrameException(String message) {
    super("admin frame: " + message, null, false, false);
  }
}
