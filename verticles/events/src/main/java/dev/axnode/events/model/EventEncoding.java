package dev.axnode.events.model;

import dev.axnode.kernel.keys.NodeId;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The canonical bytes of events that signatures and encryption bind to. Every field has a
 * fixed width or a length prefix, so no two different events encode alike:
 *
 * <pre>
 *   header(e) = 0x01 (version)
 *             ‖ u8 len ‖ source peer-ID bytes (the multihash of the Ed25519 key)
 *             ‖ u64 offset ‖ u64 lamport ‖ u64 timestamp        (big-endian)
 *             ‖ u16 len ‖ semantics (UTF-8) ‖ u16 len ‖ name (UTF-8)
 *             ‖ u32 keyEpoch                                     (0: plain payload)
 *   entry(e)  = header(e) ‖ u32 len ‖ payload bytes as stored
 *   blockDigest = SHA-256("ax-events-block-v1" ‖ u8 len ‖ source ‖ u64 first ‖ u64 last ‖ entry(e1) ‖ … ‖ entry(en))
 * </pre>
 *
 * {@link #header} is also the associated data of a sealed payload, so a ciphertext cannot be
 * moved to another stream, offset, lamport, timestamp or epoch. A signature covers the stored
 * (possibly sealed) payload, so nodes without the key verify what they relay.
 */
public final class EventEncoding {

  private static final byte VERSION = 1;
  private static final byte[] BLOCK_TAG = "ax-events-block-v1".getBytes(StandardCharsets.US_ASCII);

  private static final int MAX_CACHED_SOURCES = 4096;
  /** Bytes gathered before they go to the digest: one update per event cost more than the hashing of small events. */
  private static final int FLUSH_BYTES = 4096;
  /** Never handed out: {@link Out#writeBytes} copies. */
  private static final Map<String, byte[]> SOURCE_BYTES = new ConcurrentHashMap<>();

  private EventEncoding() {
  }

  /** The header of an event: see the class comment. */
  public static byte[] header(String source, long offset, long lamport, long timestamp,
                              String semantics, String name, int keyEpoch) {
    Out out = new Out(64 + semantics.length() + name.length());
    writeHeader(out, sourceBytes(source), offset, lamport, timestamp, tagBytes(semantics), tagBytes(name), keyEpoch);
    return out.toByteArray();
  }

  /** The header of {@code event}. */
  public static byte[] header(StoredEvent event) {
    return header(event.source(), event.offset(), event.lamport(), event.timestamp(),
        event.semantics(), event.name(), event.keyEpoch());
  }

  /** The 32-byte digest a source signs for the block of {@code events} (consecutive, all of {@code source}). */
  public static byte[] blockDigest(String source, List<StoredEvent> events) {
    MessageDigest sha = sha256();
    Out out = new Out(4096);
    out.writeBytes(BLOCK_TAG);
    writeSource(out, source);
    out.writeLong(events.get(0).offset());
    out.writeLong(events.get(events.size() - 1).offset());
    // a block's events share their source and mostly their tags: each is encoded once, not per event
    byte[] sourceId = sourceBytes(source);
    Tag semantics = new Tag();
    Tag name = new Tag();
    for (StoredEvent e : events) {
      byte[] id = e.source().equals(source) ? sourceId : sourceBytes(e.source());
      writeHeader(out, id, e.offset(), e.lamport(), e.timestamp(), semantics.bytes(e.semantics()), name.bytes(e.name()),
          e.keyEpoch());
      out.writeInt(e.payload().length);
      out.writeBytes(e.payload());
      if (out.size() >= FLUSH_BYTES) {
        out.flushInto(sha);
      }
    }
    out.flushInto(sha);
    return sha.digest();
  }

  private static void writeHeader(Out out, byte[] source, long offset, long lamport, long timestamp,
                                  byte[] semantics, byte[] name, int keyEpoch) {
    out.write(VERSION);
    out.write(source.length);
    out.writeBytes(source);
    out.writeLong(offset);
    out.writeLong(lamport);
    out.writeLong(timestamp);
    writeTag(out, semantics);
    writeTag(out, name);
    out.writeInt(keyEpoch);
  }

  private static void writeSource(Out out, String source) {
    byte[] id = sourceBytes(source);
    out.write(id.length);
    out.writeBytes(id);
  }

  /**
   * The peer-ID bytes of {@code source}. Decoding base58 costs more than hashing an event, and
   * every event of a block (and every sealed payload's header) names its source, so the few
   * sources of a swarm are remembered; the cache is dropped whole if it ever grows large.
   */
  private static byte[] sourceBytes(String source) {
    byte[] id = SOURCE_BYTES.get(source);
    if (id == null) {
      id = NodeId.parse(source).toBytes();
      if (SOURCE_BYTES.size() >= MAX_CACHED_SOURCES) {
        SOURCE_BYTES.clear();
      }
      SOURCE_BYTES.put(source, id);
    }
    return id;
  }

  private static byte[] tagBytes(String tag) {
    byte[] bytes = tag.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("a semantics or name of " + bytes.length + " bytes");
    }
    return bytes;
  }

  private static void writeTag(Out out, byte[] bytes) {
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** The UTF-8 of the last tag seen, kept while the next events repeat it. */
  private static final class Tag {
    private String text;
    private byte[] bytes;

    byte[] bytes(String tag) {
      if (!tag.equals(text)) {
        text = tag;
        bytes = tagBytes(tag);
      }
      return bytes;
    }
  }

  /**
   * A growable byte sink with big-endian integers that can hand what it holds to a digest.
   * Not a {@code ByteArrayOutputStream}: its synchronized {@code write(int)}, one call per byte
   * of every header, showed in a catch-up's profile.
   */
  private static final class Out {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int count;

    Out(int size) {
      buf = new byte[Math.max(16, size)];
    }

    int size() {
      return count;
    }

    void write(int b) {
      room(1);
      buf[count++] = (byte) b;
    }

    void writeBytes(byte[] bytes) {
      room(bytes.length);
      System.arraycopy(bytes, 0, buf, count, bytes.length);
      count += bytes.length;
    }

    void writeInt(int v) {
      room(4);
      INT.set(buf, count, v);
      count += 4;
    }

    void writeLong(long v) {
      room(8);
      LONG.set(buf, count, v);
      count += 8;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }

    void flushInto(MessageDigest digest) {
      digest.update(buf, 0, count);
      count = 0;
    }

    private void room(int bytes) {
      if (count + bytes > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + bytes));
      }
    }
  }
}
