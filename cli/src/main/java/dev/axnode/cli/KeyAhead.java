package dev.axnode.cli;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * For a command to a secure API node: reads the client key pair, and makes the first
 * connection's {@link NoiseStart}, on a thread of its own from the first moment of the
 * command, while picocli parses and Vert.x starts. Every first Ed25519 or X25519 operation
 * builds BouncyCastle's tables of base-point multiples: ~50 ms of cold code, the longest
 * piece of a secure command's start, which the handshake would otherwise wait for. A second
 * thread warms the JCA services of the handshake meanwhile.
 */
final class KeyAhead {

  private KeyAhead() {
  }

  /**
   * The key file's first pair (null: none yet), being read; null for an HTTP node. Told
   * apart by the leading '/' of a multiaddr only: parsing the address is the command's, and
   * a bad one it reports (a key read for nothing does no harm).
   */
  static CompletableFuture<ClientKeyPair> read(CliConfig config, String node) {
    if (!node.strip().startsWith("/")) {
      return null;
    }
    CompletableFuture<ClientKeyPair> key = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        Ed25519.precompute();
        List<ClientKeyPair> pairs = new ClientKeyFile(config.keysFile()).load();
        if (!pairs.isEmpty()) {
          NoiseStart.prepare(pairs.get(0));
        }
        key.complete(pairs.isEmpty() ? null : pairs.get(0));
      } catch (RuntimeException e) {
        key.completeExceptionally(e);
      }
    }, "ax-key-read");
    reader.setDaemon(true);
    reader.start();
    Thread warm = new Thread(KeyAhead::warmHandshake, "ax-handshake-warm");
    warm.setDaemon(true);
    warm.start();
    return key;
  }

  /**
   * Looks up the JCA services the Noise handshake uses, here and not first on the event loop,
   * where the provider lists and the cipher's classes took ~20-30 ms of the handshake cold.
   * Only a warm-up: the handshake looks them up itself and reports any failure. (A whole
   * handshake rehearsed in memory here as well gained nothing: two cores, more to compile.)
   */
  private static void warmHandshake() {
    try {
      Cipher.getInstance("ChaCha20-Poly1305");
      Mac.getInstance("HmacSHA256");
      MessageDigest.getInstance("SHA-256");
      new SecureRandom().nextInt();
    } catch (GeneralSecurityException e) {
      // the handshake reports it
    }
  }
}
