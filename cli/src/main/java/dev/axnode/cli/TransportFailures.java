package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/** Maps what went wrong on the way to a node to the one error both clients report. */
final class TransportFailures {

  private TransportFailures() {
  }

  /** ERR_NODE_UNREACHABLE naming the address tried, or ERR_INTERNAL_ERROR for the unexpected. */
  static CommandException failure(NodeAddress node, String host, Throwable cause) {
    if (cause instanceof CommandException command) {
      return command;
    }
    String reason = unreachableReason(host, cause);
    if (reason == null) {
      String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
      return new CommandException(ErrorCode.INTERNAL_ERROR, "Request to node at " + node + " failed: " + text);
    }
    return unreachable(node, reason);
  }

  static CommandException unreachable(NodeAddress node, String reason) {
    return new CommandException(ErrorCode.NODE_UNREACHABLE, "Node at " + node + " is unreachable: " + reason);
  }

  private static String unreachableReason(String host, Throwable cause) {
    if (cause instanceof ConnectTimeoutException) {
      return "Connection timed out";
    }
    if (cause instanceof ConnectException || cause instanceof SocketException) {
      // Netty words these "<reason>: <address>"; the address is printed already.
      String message = cause.getMessage();
      if (message == null || message.isBlank()) {
        return "Connection failed";
      }
      int colon = message.indexOf(": ");
      String text = colon > 0 ? message.substring(0, colon) : message;
      return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
    if (cause instanceof UnknownHostException) {
      return "Unknown host " + host;
    }
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return "Timed out waiting for an answer";
    }
    if (cause instanceof HttpClosedException || cause instanceof ClosedChannelException
        || cause instanceof EOFException) {
      return "Connection closed before an answer arrived";
    }
    return null;
  }
}
