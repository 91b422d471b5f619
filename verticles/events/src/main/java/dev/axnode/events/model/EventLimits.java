package dev.axnode.events.model;

/** Sizes every part of the events verticle agrees on: the API refuses beyond them, the replication decoder too. */
public final class EventLimits {

  private EventLimits() {
  }

  /** Events in one publish request. */
  public static final int MAX_BATCH = 10_000;
  /** UTF-8 bytes of a semantics or a name. */
  public static final int MAX_TAG_BYTES = 1024;
  /** Bytes of one stored payload (JSON text, or sealed: 12-byte nonce, ciphertext, 16-byte tag). */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  /** Events in one block. */
  public static final int MAX_BLOCK_EVENTS = 1_000;
  /** Encoded bytes of one block (a block of one maximal event fits). */
  public static final int MAX_BLOCK_BYTES = 1024 * 1024;
  /** Events in one query page. */
  public static final int MAX_PAGE = 1_000;
  /**
   * Stored payload bytes in one query page (a page holds at least one event, so at most this
   * plus one maximal payload): whoever pages a query on to a client (the admin API over HTTP or
   * a 4458 yamux stream, whose send queue is 4 MiB) holds a bounded page whatever the payloads.
   */
  public static final int MAX_PAGE_BYTES = 1024 * 1024;
}
