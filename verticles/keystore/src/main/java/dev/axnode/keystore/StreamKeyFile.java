package dev.axnode.keystore;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The file {@code <dataDir>/stream-keys}: every stream key of the node, sealed under a key
 * derived from the node's identity, so the file is useless beside another identity and
 * needs no secret of its own. Written whole and atomically on every change (there are few
 * keys), owner-only. Blocking: call it from a worker.
 *
 * <pre>
 *   0      4    5          17                           n-16     n
 *   | AXSK | 01 | nonce 12 | AES-256-GCM(body) …        | tag 16 |
 *   header = the first 5 bytes, also the associated data
 *   body   = count u32 ‖ count × (length u16 ‖ semantics UTF-8 ‖ epoch u32 ‖ key 32)
 *   file key = HKDF-SHA256(ikm = Ed25519 seed, salt = none, info = "ax-node stream keys v1")
 * </pre>
 */
final class StreamKeyFile {

  static final String FILE_NAME = "stream-keys";
  private static final byte[] HEADER = {'A', 'X', 'S', 'K', 1};
  private static final byte[] INFO = "ax-node stream keys v1".getBytes(StandardCharsets.US_ASCII);
  /** Far beyond any real set of keys (~40 bytes each); a larger file is not read whole. */
  private static final long MAX_FILE_LENGTH = 16L * 1024 * 1024;

  private final Path file;
  private final byte[] fileKey;
  private final SecureRandom random;

  StreamKeyFile(Path dataDir, byte[] seed, SecureRandom random) {
    this.file = dataDir.resolve(FILE_NAME);
    this.fileKey = fileKey(seed);
    this.random = random;
  }

  Path path() {
    return file;
  }

  /** What the file holds; empty when there is none yet. Refuses a file it cannot open, naming it. */
  StreamKeys load() {
    try {
      AtomicFile.removeLeftovers(file);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return StreamKeys.EMPTY;
      }
      long size = Files.size(file);
      if (size > MAX_FILE_LENGTH) {
        throw refused(ErrorCode.IO, size + " bytes is far too large");
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length < HEADER.length + PayloadCipher.NONCE + PayloadCipher.TAG
          || !Arrays.equals(Arrays.copyOf(bytes, HEADER.length), HEADER)) {
        throw refused(ErrorCode.IO, "not a version 1 stream-key file");
      }
      byte[] body = new PayloadCipher(random).open(fileKey, HEADER, Arrays.copyOfRange(bytes, HEADER.length, bytes.length));
      if (body == null) {
        throw refused(ErrorCode.NODE_MISCONFIGURED, "sealed under another node identity, or tampered with");
      }
      return decode(body);
    } catch (IOException e) {
      throw refused(ErrorCode.IO, e.toString());
    }
  }

  /** Replaces the file with {@code keys}, atomically. */
  void save(StreamKeys keys) {
    byte[] body = encode(keys);
    byte[] sealed = new PayloadCipher(random).seal(fileKey, HEADER, body);
    Arrays.fill(body, (byte) 0);
    byte[] content = ByteBuffer.allocate(HEADER.length + sealed.length).put(HEADER).put(sealed).array();
    try {
      AtomicFile.write(file, content);
    } catch (IOException e) {
      throw new AxException(ErrorCode.IO, "Cannot write stream keys " + file + ": " + e);
    }
  }

  private AxException refused(ErrorCode code, String why) {
    return new AxException(code, "Cannot open stream keys " + file + ": " + why);
  }

  private static byte[] encode(StreamKeys keys) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      out.writeInt(keys.size());
      keys.forEach((semantics, epochs) -> epochs.forEach((epoch, key) -> {
        byte[] name = semantics.getBytes(StandardCharsets.UTF_8);
        try {
          out.writeShort(name.length);
          out.write(name);
          out.writeInt(epoch);
          out.write(key);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }));
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private StreamKeys decode(byte[] body) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
      int count = in.readInt();
      StreamKeys keys = StreamKeys.EMPTY;
      for (int i = 0; i < count; i++) {
        byte[] name = new byte[in.readUnsignedShort()];
        in.readFully(name);
        int epoch = in.readInt();
        byte[] key = new byte[StreamKeys.KEY_LENGTH];
        in.readFully(key);
        keys = keys.with(new String(name, StandardCharsets.UTF_8), epoch, key);
        Arrays.fill(key, (byte) 0);
      }
      if (in.available() != 0) {
        throw refused(ErrorCode.IO, "trailing bytes after " + count + " keys");
      }
      return keys;
    } catch (IOException | IllegalArgumentException e) {
      throw refused(ErrorCode.IO, "damaged: " + e.getMessage());
    } finally {
      Arrays.fill(body, (byte) 0);
    }
  }

  private static byte[] fileKey(byte[] seed) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(seed, null, INFO));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    return key;
  }
}
