package dev.axnode.psk;

/**
 * A pnet protocol error on one connection (bad nonce, data out of order). The caller
 * closes that connection and logs it once; the message starts with {@code pnet: }.
 */
public final class PnetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PnetException(String detail) {
    super("pnet: " + detail, null, false, false);
  }
}
