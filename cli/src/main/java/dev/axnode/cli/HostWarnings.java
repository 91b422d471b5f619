package dev.axnode.cli;

import dev.axnode.kernel.keys.NodeId;
import java.nio.file.Path;

/** The texts of host verification, worded after OpenSSH's so that users recognise them. */
final class HostWarnings {

  private HostWarnings() {
  }

  /** The first two lines of the question about a NEW host. */
  static String unknown(String host, NodeId proven) {
    return "The authenticity of host '" + host + "' can't be established.\n"
        + "Node's ID is '" + proven + "'.\n";
  }

  /** The loud warning about a CHANGED host, ending with a newline. */
  static String changed(String host, KnownHosts.Recorded recorded, NodeId proven, Path file) {
    String bar = "@".repeat(59) + "\n";
    return bar
        + "@    WARNING: REMOTE NODE IDENTIFICATION HAS CHANGED!     @\n"
        + bar
        + "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
        + "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
        + "It is also possible that the node's identity has just been changed (e.g. a new data directory).\n"
        + "The node at '" + host + "' proved the ID\n"
        + "    " + proven + "\n"
        + "but " + file + ":" + recorded.lineNumber() + " records\n"
        + "    " + recorded.nodeId() + "\n"
        + "If you trust the new identity, remove the old entry with:\n"
        + "    ax nodes forget " + host + "\n"
        + "and connect again.\n";
  }
}
