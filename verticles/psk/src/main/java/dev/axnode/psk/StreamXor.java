package dev.axnode.psk;

import dev.axnode.sodium.Sodium;
import io.netty.buffer.ByteBuf;

/**
 * One direction of a pnet connection: XORs bytes with a keystream in place, each call
 * continuing where the last one stopped, so the output never depends on how the stream
 * was cut.
 */
interface StreamXor {

  /** XORs {@code length} bytes of {@code buf} from {@code index}; reader and writer indexes do not move. */
  void xor(ByteBuf buf, int index, int length);

  /** XSalsa20 on libsodium where it is loaded, else the pure-Java {@link XSalsa20}; both give the same bytes. */
  static StreamXor xsalsa20(byte[] key32, byte[] nonce24) {
    return Sodium.available() ? new SodiumXSalsa20(key32, nonce24) : new XSalsa20(key32, nonce24);
  }
}
