package dev.axnode.yamux;

/**
 * The yamux header flag bits. Flags are a 16-bit set rather than an enum because a frame
 * may carry several (WINDOW_UPDATE|SYN, DATA|ACK|FIN, ...).
 */
public final class Flags {
  /** Opens a stream (or, on PING, asks for an answer). */
  public static final int SYN = 1;
  /** Acknowledges a stream opening (or, on PING, is the answer). */
  public static final int ACK = 2;
  /** Half-closes the sender's direction of a stream. */
  public static final int FIN = 4;
  /** Aborts a stream in both directions. */
  public static final int RST = 8;

  private Flags() {
  }

  public static boolean has(int flags, int bit) {
    return (flags & bit) != 0;
  }

  /** A short text form such as {@code SYN|FIN}, for logs and test failures. */
  public static String toString(int flags) {
    StringBuilder sb = new StringBuilder();
    append(sb, flags, SYN, "SYN");
    append(sb, flags, ACK, "ACK");
    append(sb, flags, FIN, "FIN");
    append(sb, flags, RST, "RST");
    int unknown = flags & ~(SYN | ACK | FIN | RST);
    if (unknown != 0) {
      sb.append(sb.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(unknown));
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }

  private static void append(StringBuilder sb, int flags, int bit, String name) {
    if (has(flags, bit)) {
      sb.append(sb.length() == 0 ? "" : "|").append(name);
    }
  }
}
