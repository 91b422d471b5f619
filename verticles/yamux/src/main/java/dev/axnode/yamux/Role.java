package dev.axnode.yamux;

/** Which end of the connection a session is; it decides the parity of the stream ids it opens. */
public enum Role {
  /** The side that dialled the connection: opens odd stream ids. */
  DIALER,
  /** The side that accepted the connection: opens even stream ids. */
  LISTENER;

  /** The first id this role uses for its own streams. */
  long firstStreamId() {
    return this == DIALER ? 1 : 2;
  }

  /** Whether the peer (the other role) may open a stream with this id. */
  boolean isPeerStreamId(long id) {
    return id != 0 && (id % 2 == 0) == (this == DIALER);
  }
}
