package dev.axnode.cli;

/**
 * The HTTP admin API of a node: {@code HOST}, {@code HOST:PORT}, {@code [IPV6]},
 * {@code [IPV6]:PORT} or a bare IPv6 literal (which cannot carry a port).
 */
record HttpNodeAddress(String host, int port) implements NodeAddress {

  /** The port of the HTTP admin API when {@code --local} names none. */
  static final int DEFAULT_PORT = 4457;

  /** Parses a non-empty, stripped value that is not a multiaddr. */
  static HttpNodeAddress parse(String value) {
    if (value.startsWith("[")) {
      return parseBracketed(value);
    }
    int first = value.indexOf(':');
    if (first < 0) {
      return new HttpNodeAddress(value, DEFAULT_PORT);
    }
    if (value.indexOf(':', first + 1) >= 0) {
      return new HttpNodeAddress(value, DEFAULT_PORT); // a bare IPv6 literal such as ::1
    }
    return of(value, value.substring(0, first), value.substring(first + 1));
  }

  private static HttpNodeAddress parseBracketed(String value) {
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

  private static HttpNodeAddress of(String value, String host, String port) {
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
    return new HttpNodeAddress(host, number);
  }

  /** {@code host:port}, with an IPv6 host in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
