package dev.axnode.psk;

import dev.axnode.kernel.keys.SwarmKey;
import io.netty.buffer.ByteBuf;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The two XSalsa20 streams of one pnet connection.
 *
 * <pre>
 * https://github.com/libp2p/specs/blob/master/pnet/Private-Networks-PSK-V1.md
 *
 *  each direction of the TCP connection, from its first byte:
 *
 *  +----------------------+-------------------------------------------------+
 *  | nonce (24 bytes,     | payload XOR XSalsa20(PSK, nonce) keystream,     |
 *  | random, in clear)    | byte 0 of the payload uses keystream byte 0 ... |
 *  +----------------------+-------------------------------------------------+
 *
 *  local  --[ localNonce | encrypt(...) ]-->  peer     outbound: own nonce
 *  local <--[ peerNonce  | decrypt(...) ]---  peer     inbound:  peer's nonce
 * </pre>
 *
 * No MAC and no framing: a wrong key is not detected here, the next layer reads garbage.
 * Send {@link #localNonce()} at once and read the peer's concurrently (go sends its nonce
 * only with its first write). Not thread-safe: one connection, one event loop.
 */
public final class PnetCipher {

  public static final int NONCE_LENGTH = XSalsa20.NONCE_LENGTH;

  private final byte[] localNonce;
  private final StreamXor outbound;
  private final byte[] peerNonce = new byte[NONCE_LENGTH];
  /** Held only until the peer's nonce is complete, then zeroed. */
  private final byte[] key;
  private int peerNonceRead;
  private StreamXor inbound;

  PnetCipher(byte[] key32, byte[] localNonce) {
    if (localNonce.length != NONCE_LENGTH) {
      throw new PnetException("a nonce has " + NONCE_LENGTH + " bytes, got " + localNonce.length);
    }
    this.key = key32.clone();
    this.localNonce = localNonce.clone();
    this.outbound = StreamXor.xsalsa20(this.key, this.localNonce);
  }

  /** A cipher with a fresh random local nonce. */
  public static PnetCipher create(SwarmKey key, SecureRandom random) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] k = key.bytes();
    try {
      return new PnetCipher(k, nonce);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** The 24 bytes to send in the clear before anything else (a copy). */
  public byte[] localNonce() {
    return localNonce.clone();
  }

  public boolean peerNonceComplete() {
    return inbound != null;
  }

  /**
   * Takes as many of the peer's nonce bytes as are still missing from {@code in}, moving
   * its reader index; the nonce may come split over several reads. Whatever is left
   * readable afterwards is payload for {@link #decrypt}.
   *
   * @return nonce bytes still missing: 0 once the inbound stream is ready
   */
  public int acceptPeerNonce(ByteBuf in) {
    int missing = NONCE_LENGTH - peerNonceRead;
    int take = Math.min(missing, in.readableBytes());
    if (take > 0) {
      in.readBytes(peerNonce, peerNonceRead, take);
      peerNonceRead += take;
      if (peerNonceRead == NONCE_LENGTH) {
        startInbound();
      }
    }
    return NONCE_LENGTH - peerNonceRead;
  }

  /** Takes the peer's whole nonce at once. */
  public void acceptPeerNonce(byte[] nonce) {
    Objects.requireNonNull(nonce, "nonce");
    if (peerNonceRead != 0) {
      throw new PnetException("the peer's nonce was already (partly) received");
    }
    if (nonce.length != NONCE_LENGTH) {
      throw new PnetException("a nonce has " + NONCE_LENGTH + " bytes, got " + nonce.length);
    }
    System.arraycopy(nonce, 0, peerNonce, 0, NONCE_LENGTH);
    peerNonceRead = NONCE_LENGTH;
    startInbound();
  }

  /**
   * For a connection that ended: fails unless the peer's nonce is complete, so a peer
   * that hung up mid-nonce gets a clear error rather than silence.
   */
  public void requirePeerNonce() {
    if (inbound == null) {
      throw new PnetException("connection ended after " + peerNonceRead + " of " + NONCE_LENGTH
          + " nonce bytes");
    }
  }

  /** Encrypts the readable bytes of {@code buf} in place; indexes do not move. */
  public void encrypt(ByteBuf buf) {
    outbound.xor(buf, buf.readerIndex(), buf.readableBytes());
  }

  /** Decrypts the readable bytes of {@code buf} in place; needs the peer's nonce first. */
  public void decrypt(ByteBuf buf) {
    if (inbound == null) {
      throw new PnetException("payload before the peer's nonce was complete (" + peerNonceRead
          + " of " + NONCE_LENGTH + " bytes)");
    }
    inbound.xor(buf, buf.readerIndex(), buf.readableBytes());
  }

  private void startInbound() {
    inbound = StreamXor.xsalsa20(key, peerNonce);
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "PnetCipher(peer nonce " + peerNonceRead + "/" + NONCE_LENGTH + ")";
  }
}
