package dev.axnode.events.replication;

/**
 * A peer broke the replication protocol {@code /ax/events/1.0.0}: a malformed frame, a frame out
 * of turn, a limit exceeded. The session that sees it ends that stream with an error and logs
 * it once; the node goes on serving everyone else.
 */
public final class ReplicationProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ReplicationProtocolException(String message) {
    super("replication: " + message);
  }
}
