package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.NodeId;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Decides whether to talk to a node that proved {@code nodeId} in the Noise handshake, the
 * way OpenSSH checks host keys (StrictHostKeyChecking=ask, or accept-new with
 * {@code --accept-new-host}). Runs after the handshake and before the first request, so
 * nothing is sent to a node the user has not accepted.
 *
 * <ul>
 *   <li>{@code /p2p/ID} in the address must match the proven ID (the Noise layer checks it
 *       too); a match also counts as the user's consent for a NEW address.
 *   <li>OK: go on. CHANGED: a loud warning and a refusal; the entry is never overwritten,
 *       the user removes it with {@code ax nodes forget}.
 *   <li>NEW: ask on the terminal; without one, refuse unless {@code --accept-new-host}.
 * </ul>
 * Addresses are compared in their canonical form ({@link KnownHosts#canonical}); messages
 * show the address as the user typed it.
 */
final class HostVerifier {

  static final String QUESTION_SUFFIX = "Are you sure you want to continue connecting (yes/no)? ";

  private final Path knownHostsFile;
  private final HostPrompt prompt;
  private final PrintWriter err;
  private final boolean acceptNew;

  HostVerifier(Path knownHostsFile, HostPrompt prompt, PrintWriter err, boolean acceptNew) {
    this.knownHostsFile = knownHostsFile;
    this.prompt = prompt;
    this.err = err;
    this.acceptNew = acceptNew;
  }

  /** Returns if the user may talk to the node; else throws ERR_NODE_AUTH. */
  void verify(SecureNodeAddress address, NodeId proven) {
    NodeId expected = address.expectedPeer();
    if (expected != null && !expected.equals(proven)) {
      throw peerMismatch(address, expected, proven);
    }
    String host = address.hostKey();
    KnownHosts known = KnownHosts.load(knownHostsFile);
    switch (known.check(host, proven)) {
      case OK -> { }
      case CHANGED -> throw refuseChanged(host, known, proven);
      case NEW -> {
        if (expected == null && !acceptNew) {
          askOrRefuse(host, proven);
        }
        record(host, proven);
      }
      default -> throw new IllegalStateException();
    }
  }

  private CommandException refuseChanged(String host, KnownHosts known, NodeId proven) {
    err.print(HostWarnings.changed(host, known.recorded(host).orElseThrow(), proven, knownHostsFile));
    err.flush();
    return new CommandException(ErrorCode.NODE_AUTH, "Host key verification failed: the node at '" + host
        + "' is not the one recorded in " + knownHostsFile + ".");
  }

  static CommandException peerMismatch(SecureNodeAddress address, NodeId expected, NodeId proven) {
    return new CommandException(ErrorCode.NODE_AUTH, "The node at " + address.hostKey() + " proved the ID "
        + proven + ", but the address demands " + expected + ".");
  }

  private void askOrRefuse(String host, NodeId proven) {
    if (!prompt.interactive()) {
      throw new CommandException(ErrorCode.NODE_AUTH, "The authenticity of host '" + host
          + "' can't be established (node's ID is '" + proven + "') and there is no terminal to ask. "
          + "Re-run with --accept-new-host to trust it and record it in " + knownHostsFile + ".");
    }
    String answer = prompt.ask(HostWarnings.unknown(host, proven) + QUESTION_SUFFIX);
    if (answer == null || !answer.strip().equals("yes")) {
      throw new CommandException(ErrorCode.NODE_AUTH, "Host key verification failed.");
    }
  }

  private void record(String host, NodeId proven) {
    // Under the lock and on the file as it is now: the prompt may have waited long enough for
    // another ax process to record this address, or others. Silently, as the transcript in
    // DESIGN.md shows: the answer "yes" is the user's record.
    KnownHosts.update(knownHostsFile, known -> switch (known.check(host, proven)) {
      case OK -> known;
      case NEW -> known.with(host, proven);
      case CHANGED -> throw refuseChanged(host, known, proven);
    });
  }
}
