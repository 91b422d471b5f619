package dev.axnode.securechannel;

import java.util.Arrays;

/** Single-step mutations of valid wire bytes, for property tests. */
public final class Mutations {

  private Mutations() {
  }

  /**
   * @param kind 0 flips bits of a byte, 1 truncates, 2 inserts a byte, 3 deletes a byte
   */
  public static byte[] mutate(byte[] valid, int kind, int position, byte value) {
    if (valid.length == 0) {
      return new byte[] {value};
    }
    int at = Math.floorMod(position, valid.length);
    switch (Math.floorMod(kind, 4)) {
      case 0 -> {
        byte[] out = valid.clone();
        out[at] ^= value == 0 ? 1 : value;
        return out;
      }
      case 1 -> {
        return Arrays.copyOf(valid, at);
      }
      case 2 -> {
        byte[] out = new byte[valid.length + 1];
        System.arraycopy(valid, 0, out, 0, at);
        out[at] = value;
        System.arraycopy(valid, at, out, at + 1, valid.length - at);
        return out;
      }
      default -> {
        byte[] out = new byte[valid.length - 1];
        System.arraycopy(valid, 0, out, 0, at);
        System.arraycopy(valid, at + 1, out, at, valid.length - at - 1);
        return out;
      }
    }
  }
}
