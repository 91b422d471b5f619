package dev.axnode.events.store;

import dev.axnode.events.model.EventLimits;
import dev.axnode.events.model.StoredEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sizes of encoded events and the cutting of a source's new events into blocks within the limits. */
final class Blocks {

  /** Bytes of a peer-ID multihash: the 6-byte Ed25519 prefix and the 32-byte key. */
  private static final int SOURCE_BYTES = 38;
  /** version, source length, offset, lamport, timestamp, two tag lengths, key epoch, payload length. */
  private static final int FIXED_ENTRY_BYTES = 1 + 1 + SOURCE_BYTES + 8 + 8 + 8 + 2 + 2 + 4 + 4;
  /** The block tag, source and range in front of the entries. */
  private static final int BLOCK_OVERHEAD = 18 + 1 + SOURCE_BYTES + 16;

  private Blocks() {
  }

  /** The bytes of {@code event} in a block's encoding ({@code entry(e)} of EventEncoding). */
  static int entryBytes(StoredEvent event) {
    return FIXED_ENTRY_BYTES + utf8Length(event.semantics()) + utf8Length(event.name()) + event.payload().length;
  }

  /** The encoded bytes of a block of {@code events}. */
  static long blockBytes(List<StoredEvent> events) {
    long bytes = BLOCK_OVERHEAD;
    for (StoredEvent e : events) {
      bytes += entryBytes(e);
    }
    return bytes;
  }

  /** {@code events} (consecutive, one source) cut into runs of at most MAX_BLOCK_EVENTS and MAX_BLOCK_BYTES. */
  static List<List<StoredEvent>> cut(List<StoredEvent> events) {
    List<List<StoredEvent>> blocks = new ArrayList<>();
    List<StoredEvent> current = new ArrayList<>();
    long bytes = BLOCK_OVERHEAD;
    for (StoredEvent e : events) {
      int size = entryBytes(e);
      if (!current.isEmpty() && (current.size() == EventLimits.MAX_BLOCK_EVENTS
          || bytes + size > EventLimits.MAX_BLOCK_BYTES)) {
        blocks.add(current);
        current = new ArrayList<>();
        bytes = BLOCK_OVERHEAD;
      }
      current.add(e);
      bytes += size;
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  static int utf8Length(String text) {
    int ascii = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return ascii;
  }
}
