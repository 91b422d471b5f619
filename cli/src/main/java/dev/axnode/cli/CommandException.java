package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;

/**
 * A failure a command reports to the user: an {@code ERR_…} code and a message. The code
 * is kept as text because a node may answer with a code this CLI does not know yet.
 */
final class CommandException extends RuntimeException {

  private final String code;

  CommandException(ErrorCode code, String message) {
    this(code.wireName(), message);
  }

  CommandException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The wire name, e.g. {@code ERR_NODE_UNREACHABLE}. */
  String code() {
    return code;
  }

  static CommandException invalidInput(String message) {
    return new CommandException(ErrorCode.INVALID_INPUT, message);
  }
}
