package dev.axnode.kernel.keys;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Base58btc (the Bitcoin alphabet), as libp2p peer IDs use it. */
public final class Base58 {

  private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {
  }

  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] digits = Arrays.copyOf(input, input.length);
    char[] encoded = new char[input.length * 2];
    int out = encoded.length;
    int start = zeros;
    while (start < digits.length) {
      encoded[--out] = ALPHABET[divmod(digits, start, 256, 58)];
      if (digits[start] == 0) {
        start++;
      }
    }
    while (out < encoded.length && encoded[out] == ALPHABET[0]) {
      out++;
    }
    while (--zeros >= 0) {
      encoded[--out] = ALPHABET[0];
    }
    return new String(encoded, out, encoded.length - out);
  }

  /** Decodes base58btc text; throws IllegalArgumentException on a character outside the alphabet. */
  public static byte[] decode(String input) {
    if (input.isEmpty()) {
      return new byte[0];
    }
    byte[] digits = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("invalid base58 character '" + c + "' at position " + i);
      }
      digits[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < digits.length && digits[zeros] == 0) {
      zeros++;
    }
    ByteArrayOutputStream reversed = new ByteArrayOutputStream(input.length());
    int start = zeros;
    while (start < digits.length) {
      reversed.write(divmod(digits, start, 58, 256));
      if (digits[start] == 0) {
        start++;
      }
    }
    byte[] tail = reversed.toByteArray();
    int significant = tail.length;
    while (significant > 0 && tail[significant - 1] == 0) {
      significant--;
    }
    byte[] result = new byte[zeros + significant];
    for (int i = 0; i < significant; i++) {
      result[zeros + i] = tail[significant - 1 - i];
    }
    return result;
  }

  /** Divides the big number {@code number[start..]} in base {@code base} by {@code divisor} in place; returns the remainder. */
  private static int divmod(byte[] number, int start, int base, int divisor) {
    int remainder = 0;
    for (int i = start; i < number.length; i++) {
      int temp = remainder * base + (number[i] & 0xFF);
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return remainder;
  }
}
