package dev.axnode.keystore;

import java.util.HexFormat;

/** Hex fixtures, so test vectors read as they are printed in their RFCs. */
final class Hex {

  private Hex() {
  }

  static byte[] decode(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String encode(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
