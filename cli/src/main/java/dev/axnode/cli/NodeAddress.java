package dev.axnode.cli;

/**
 * Where a node's admin API listens, parsed from {@code --local}. A value starting with
 * {@code /} is a multiaddr of the secure admin API ({@link SecureNodeAddress}); anything
 * else is a host of the HTTP admin API ({@link HttpNodeAddress}). The kind of address
 * chooses the client: see {@link AxClientVerticle}.
 */
sealed interface NodeAddress permits HttpNodeAddress, SecureNodeAddress {

  static NodeAddress parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      throw CommandException.invalidInput(
          "The node address is empty; use HOST, HOST:PORT or a multiaddr such as /dns4/localhost/tcp/4458.");
    }
    return value.startsWith("/") ? SecureNodeAddress.parse(value) : HttpNodeAddress.parse(value);
  }

  /** The address as messages show it. */
  @Override
  String toString();
}
