package dev.axnode.kernel.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A libp2p private-network key (pnet PSK v1): 32 secret bytes.
 *
 * <p>Its file form is {@code /key/swarm/psk/1.0.0/\n/base16/\n<64 hex>}; the setting
 * {@code general.swarmKey} holds the base64 of that file text or the text itself (its
 * newlines may have been folded into spaces). {@link #parse} takes any of these,
 * and also the {@code /base64/} and {@code /bin/} encodings go-libp2p accepts.
 * {@link #toString()} never shows the key.
 */
public final class SwarmKey {

  public static final int LENGTH = 32;
  private static final String HEADER = "/key/swarm/psk/1.0.0/";

  private final byte[] key;

  private SwarmKey(byte[] key) {
    this.key = key;
  }

  public static SwarmKey generate(SecureRandom random) {
    byte[] key = new byte[LENGTH];
    random.nextBytes(key);
    return new SwarmKey(key);
  }

  /** Parses the setting form (base64 of the key file) or the key file text itself. */
  public static SwarmKey parse(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith(HEADER)) {
      return parseKeyFile(trimmed);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a swarm key is the base64 of a key file or the key file text itself");
    }
    String file = new String(decoded, StandardCharsets.UTF_8);
    if (!file.startsWith(HEADER)) {
      throw new IllegalArgumentException("the decoded swarm key does not start with " + HEADER);
    }
    return parseKeyFile(file.strip());
  }

  private static SwarmKey parseKeyFile(String file) {
    // Lines, or any whitespace: a key file passed through a shell and a YAML value arrives
    // with its newlines folded into spaces.
    String[] lines = file.contains("/bin/") ? file.replace("\r\n", "\n").split("\n", -1) : file.strip().split("\\s+");
    if (lines.length < 3) {
      throw new IllegalArgumentException("a swarm key file has three lines: header, encoding, key");
    }
    String encoding = lines[1].strip();
    String body = lines[2].strip();
    byte[] key = switch (encoding) {
      case "/base16/" -> decodeHex(body);
      case "/base64/" -> Base64.getDecoder().decode(body);
      case "/bin/" -> file.substring(file.indexOf("/bin/\n") + 6).getBytes(StandardCharsets.ISO_8859_1);
      default -> throw new IllegalArgumentException("unknown swarm key encoding " + encoding);
    };
    if (key.length != LENGTH) {
      throw new IllegalArgumentException("a swarm key has 32 bytes, found " + key.length);
    }
    return new SwarmKey(key);
  }

  private static byte[] decodeHex(String hex) {
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the swarm key is not valid hex");
    }
  }

  /** The 32 key bytes (a copy). */
  public byte[] bytes() {
    return key.clone();
  }

  /** The key file text, as js-libp2p's {@code @libp2p/pnet} and go-libp2p read it. */
  public String toKeyFile() {
    return HEADER + "\n/base16/\n" + HexFormat.of().formatHex(key);
  }

  /** The form {@code general.swarmKey} takes: base64 of the key file text. */
  public String toSettingValue() {
    return Base64.getEncoder().encodeToString(toKeyFile().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SwarmKey k && MessageDigest.isEqual(key, k.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key) ^ 0x5a5a5a5a;
  }

  @Override
  public String toString() {
    return "SwarmKey(redacted)";
  }
}
