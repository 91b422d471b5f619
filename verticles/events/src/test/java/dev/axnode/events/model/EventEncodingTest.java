package dev.axnode.events.model;

import dev.axnode.kernel.keys.NodeId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The canonical bytes are a wire contract: signatures made by one node are verified by every
 * other, whatever version it runs. These values were computed by the first implementation and
 * must never change (a new encoding gets a new version byte and block tag).
 */
class EventEncodingTest {

  /** The public key of RFC 8032's first test vector. */
  private static final byte[] KEY = HexFormat.of().parseHex(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  private static final String SOURCE = NodeId.ofPublicKey(KEY).toString();

  @Test
  void headerBytesAreFixed() {
    byte[] header = EventEncoding.header(SOURCE, 7, 42, 1_700_000_000_000_000L, "sensors", "temp-1", 3);

    // version, source (its peer-ID bytes), offset, lamport, timestamp, semantics, name, key epoch
    String expected = "01" + "26" + "002408011220d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        + "0000000000000007" + "000000000000002a" + "00060a24181e4000"
        + "0007" + "73656e736f7273" + "0006" + "74656d702d31" + "00000003";
    assertEquals(expected, HexFormat.of().formatHex(header));
  }

  @Test
  void blockDigestIsFixed() {
    assertEquals("de01b1339e2539a334e46b05d8d41648d7a7f7b8c5298871b0ba43c2497b6c67", HexFormat.of().formatHex(EventEncoding.blockDigest(SOURCE, events(3, 40))));
  }

  @Test
  void aLargeBlockDigestsAcrossFlushes() {
    // payloads of 3,000 bytes cross the 4 KiB gathering buffer at every other event
    assertEquals("6463c84ce4513fa437a50887bdc359a9aca52d907cd6d7316bf9981bc3223c31", HexFormat.of().formatHex(EventEncoding.blockDigest(SOURCE, events(20, 3000))));
  }

  @Test
  void anyChangedFieldChangesTheDigest() {
    List<StoredEvent> events = events(3, 40);
    String digest = HexFormat.of().formatHex(EventEncoding.blockDigest(SOURCE, events));
    StoredEvent e = events.get(1);
    List<StoredEvent> changed = new ArrayList<>(events);
    changed.set(1, new StoredEvent(e.source(), e.offset(), e.lamport() + 1, e.timestamp(), e.semantics(), e.name(),
        e.keyEpoch(), e.payload()));

    assertNotEquals(digest, HexFormat.of().formatHex(EventEncoding.blockDigest(SOURCE, changed)));
  }

  private static List<StoredEvent> events(int count, int payloadBytes) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder payload = new StringBuilder("\"");
      while (payload.length() < payloadBytes - 1) {
        payload.append((char) ('a' + (payload.length() + i) % 26));
      }
      payload.append('"');
      events.add(new StoredEvent(SOURCE, 100 + i, 500 + i, 1_700_000_000_000_000L + i, i % 2 == 0 ? "sensors" : "alarms",
          "n" + i, i % 3, payload.toString().getBytes(StandardCharsets.UTF_8)));
    }
    return events;
  }
}
