package dev.axnode.adminapi;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps web pages out of the HTTP API, before any route runs (the geth {@code --http.vhosts}
 * and Syncthing fixes).
 * <ul>
 *   <li>{@code Host} must be {@code localhost} (or {@code *.localhost}), an IP literal, or an
 *       entry of {@code httpAllowedHosts}. DNS rebinding needs a DNS name that the attacker
 *       controls, so IP literals are safe and every other name must be listed.</li>
 *   <li>A request with an {@code Origin} comes from a browser page; only pages on a listed
 *       host may call. {@code bin/ax} sends no {@code Origin}.</li>
 * </ul>
 * Refusals are 403 {@code ERR_UNAUTHORIZED}, saying what to do. No CORS header is ever
 * sent, so a browser never lets a foreign page read an answer either.
 */
final class HttpGuard {

  static final String ALLOWED_HOSTS_FLAG = "--http-allowed-hosts";
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}(%[0-9a-z._-]{1,32})?");
  private static final Pattern PORT = Pattern.compile("\\d{1,5}");

  private final Set<String> allowedHosts;

  HttpGuard(List<String> allowedHosts) {
    this.allowedHosts = Set.copyOf(allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
  }

  /** From the node-wide config key {@code httpAllowedHosts} (lower-case host names). */
  static HttpGuard fromConfig(JsonObject config) {
    JsonArray hosts = config.getJsonArray("httpAllowedHosts", new JsonArray());
    return new HttpGuard(hosts.stream().map(String::valueOf).toList());
  }

  /** The first handler of every request: passes it on, or answers 403 and closes the connection. */
  void handle(RoutingContext ctx) {
    AxException refusal = refusal(ctx.request());
    if (refusal == null) {
      ctx.next();
    } else {
      Envelope.refuse(ctx, refusal);
    }
  }

  /** Why {@code request} is refused, or null when it may go on. */
  AxException refusal(HttpServerRequest request) {
    List<String> hosts = hostValues(request);
    String host = hosts.size() == 1 ? hostOf(hosts.get(0)) : null;
    if (host == null || !hostAllowed(host)) {
      return new AxException(ErrorCode.UNAUTHORIZED, "The Host " + (hosts.size() == 1 ? "'" + hosts.get(0) + "'" : "header")
          + " is not allowed on the node's HTTP API (a guard against DNS rebinding): use localhost or an IP "
          + "address, or start the node with " + ALLOWED_HOSTS_FLAG + " <name> to allow that name");
    }
    List<String> origins = request.headers().getAll("Origin");
    if (!origins.isEmpty() && (origins.size() > 1 || !originAllowed(origins.get(0)))) {
      return new AxException(ErrorCode.UNAUTHORIZED, "Cross-origin requests from browsers are refused by the node's "
          + "HTTP API (Origin '" + String.join(", ", origins) + "'); use bin/ax, or start the node with "
          + ALLOWED_HOSTS_FLAG + " <name> to allow pages served from that host");
    }
    return null;
  }

  /**
   * The Host header values of an HTTP/1.x request; for HTTP/2 (a client may upgrade with
   * h2c, as Java's HttpClient does) the {@code :authority}, which takes the place of Host.
   */
  private static List<String> hostValues(HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2) {
      return request.headers().getAll("Host");
    }
    HostAndPort authority = request.authority();
    if (authority == null) {
      return List.of();
    }
    String host = authority.host();
    String bracketed = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return List.of(authority.port() >= 0 ? bracketed + ":" + authority.port() : bracketed);
  }

  boolean hostAllowed(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || isIpLiteral(host) || allowedHosts.contains(host);
  }

  /** An Origin passes only when its host is listed; {@code null} (sandboxed pages, file: URLs) never does. */
  boolean originAllowed(String origin) {
    try {
      URI uri = new URI(origin.strip());
      String host = uri.getHost();
      return uri.getScheme() != null && host != null && allowedHosts.contains(normal(host));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * The host part of a {@code Host} header value, lower case, without port and trailing dot
   * ({@code [::1]} keeps its brackets); null when it is not of the form host[:port].
   */
  static String hostOf(String header) {
    String value = header.strip();
    String host;
    String rest;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return null;
      }
      host = value.substring(0, close + 1);
      rest = value.substring(close + 1);
    } else {
      int colon = value.indexOf(':');
      host = colon < 0 ? value : value.substring(0, colon);
      rest = colon < 0 ? "" : value.substring(colon);
    }
    if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
      return null;
    }
    String normal = normal(host);
    return normal.isEmpty() ? null : normal;
  }

  /** A literal address names no DNS record, so no attacker can rebind it. Never resolves anything. */
  static boolean isIpLiteral(String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      String inner = host.substring(1, host.length() - 1);
      return inner.indexOf(':') >= 0 && IPV6.matcher(inner).matches();
    }
    return IPV4.matcher(host).matches();
  }

  private static String normal(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
