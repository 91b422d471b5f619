package dev.axnode.cli;

/**
 * Where the HTTP admin API of a node listens, parsed from {@code --local}: {@code HOST},
 * {@code HOST:PORT}, {@code [IPV6]}, {@code [IPV6]:PORT} or a bare IPv6 literal. A value
 * starting with {@code /} is a multiaddr of the secure admin API, which this version
 * refuses with {@code ERR_INVALID_INPUT}.
 */
record NodeAddress(String host, int port) {

  /** The port of the HTTP admin API when {@code --local} names none. */
  static final int DEFAULT_PORT = 4457;

  static NodeAddress parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      throw CommandException.invalidInput("The node address is empty; use HOST or HOST:PORT.");
    }
    if (value.startsWith("/")) {
      throw CommandException.invalidInput("The secure admin API (multiaddr " + value
          + ") is not supported by this version of ax yet; use HOST or HOST:PORT for the HTTP API.");
    }
    if (value.startsWith("[")) {
      return parseBracketed(value);
    }
    int first = value.indexOf(':');
    if (first < 0) {
      return new NodeAddress(value, DEFAULT_PORT);
    }
    if (value.indexOf(':', first + 1) >= 0) {
      return new NodeAddress(value, DEFAULT_PORT); // a bare IPv6 literal such as ::1
    }
    return of(value, value.substring(0, first), value.substring(first + 1));
  }

  private static NodeAddress parseBracketed(String value) {
    int close = value.indexOf(']');
    if (close < 0) {
      throw CommandException.invalidInput("Invalid node address " + value + ": missing ']'.");
    }
    String host = value.substring(1, close);
    String rest = value.substring(close + 1);
    if (rest.isEmpty()) {
      return of(value, host, String.valueOf(DEFAULT_PORT));
    }
    if (!rest.startsWith(":")) {
      throw CommandException.invalidInput("Invalid node address " + value + ": expected ':PORT' after ']'.");
    }
    return of(value, host, rest.substring(1));
  }

  private static NodeAddress of(String value, String host, String port) {
    if (host.isEmpty()) {
      throw CommandException.invalidInput("Invalid node address " + value + ": the host is empty.");
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 1 || number > 65535) {
      throw CommandException.invalidInput("Invalid node address " + value
          + ": the port must be a number from 1 to 65535.");
    }
    return new NodeAddress(host, number);
  }

  /** {@code host:port}, with an IPv6 host in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
