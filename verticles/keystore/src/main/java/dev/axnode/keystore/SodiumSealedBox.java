package dev.axnode.keystore;

import dev.axnode.sodium.NativeMemory;
import dev.axnode.sodium.Sodium;

/** The sealed box of {@link SealedBox} by libsodium itself; only where {@link Sodium#available()}. */
final class SodiumSealedBox implements SealedBox {

  private static final int KEY = 32;

  @Override
  public byte[] seal(byte[] pk, byte[] message) {
    NativeMemory.Block in = block(message);
    NativeMemory.Block key = block(pk);
    NativeMemory.Block out = NativeMemory.allocate(message.length + OVERHEAD);
    Sodium.boxSeal(out.address(), in.address(), message.length, key.address());
    byte[] sealed = new byte[message.length + OVERHEAD];
    out.get(0, sealed);
    in.zero(0, in.size());
    return sealed;
  }

  @Override
  public byte[] open(byte[] sealed, byte[] pk, byte[] sk) {
    if (sealed.length < OVERHEAD) {
      return null;
    }
    NativeMemory.Block in = block(sealed);
    NativeMemory.Block keys = NativeMemory.allocate(2 * KEY);
    keys.put(0, pk);
    keys.put(KEY, sk);
    NativeMemory.Block out = NativeMemory.allocate(Math.max(1, sealed.length - OVERHEAD));
    try {
      if (!Sodium.boxSealOpen(out.address(), in.address(), sealed.length, keys.address(), keys.address() + KEY)) {
        return null;
      }
      byte[] message = new byte[sealed.length - OVERHEAD];
      out.get(0, message);
      return message;
    } finally {
      keys.zero(0, keys.size());
      out.zero(0, out.size());
    }
  }

  private static NativeMemory.Block block(byte[] bytes) {
    NativeMemory.Block block = NativeMemory.allocate(Math.max(1, bytes.length));
    block.put(0, bytes);
    return block;
  }
}
