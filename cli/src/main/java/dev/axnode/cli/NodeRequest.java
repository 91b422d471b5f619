package dev.axnode.cli;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of the node's HTTP admin API, built by a command and performed by
 * {@link NodeClient}. Query values are given decoded; the client encodes them.
 */
record NodeRequest(HttpMethod method, String path, Map<String, String> query, Buffer body,
    String contentType, long timeoutMillis) {

  /** How long a call may take unless the command says otherwise. */
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  static final String API = "/api/v1";

  static NodeRequest get(String path) {
    return new NodeRequest(HttpMethod.GET, API + path, Map.of(), null, null, DEFAULT_TIMEOUT_MILLIS);
  }

  static NodeRequest of(HttpMethod method, String path) {
    return new NodeRequest(method, API + path, Map.of(), null, null, DEFAULT_TIMEOUT_MILLIS);
  }

  NodeRequest withQuery(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(query);
    more.put(name, value);
    return new NodeRequest(method, path, more, body, contentType, timeoutMillis);
  }

  NodeRequest withBody(Buffer content, String type) {
    return new NodeRequest(method, path, query, content, type, timeoutMillis);
  }

  NodeRequest withTimeout(long millis) {
    return new NodeRequest(method, path, query, body, contentType, millis);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
