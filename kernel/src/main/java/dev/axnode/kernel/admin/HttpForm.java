package dev.axnode.kernel.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.Map;

/**
 * An {@link AdminCall} as an HTTP request of port 4457, derived by {@link AdminCall#toHttp}.
 *
 * @param method      the HTTP method
 * @param path        the path, path parameters filled in and encoded
 * @param query       the query parameters, decoded (the client encodes them)
 * @param body        the body, or null for none
 * @param contentType the body's content type, or null for none
 */
public record HttpForm(HttpMethod method, String path, Map<String, String> query, Buffer body, String contentType) {

  public static final String JSON = "application/json";
  public static final String JAR = "application/java-archive";

  @Override
  public String toString() {
    return method + " " + path;
  }
}
