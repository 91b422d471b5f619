package dev.axnode.kernel.admin;

import dev.axnode.kernel.admin.AdminOperation.Body;
import dev.axnode.kernel.admin.AdminParam.In;
import dev.axnode.kernel.admin.AdminParam.Type;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call of an {@link AdminOperation}: the operation and its parameters by name, as a
 * client builds it. {@link #toFrame} gives the 4458 request, {@link #toHttp} the HTTP
 * request; both follow from the operation's definition only.
 *
 * @param operation the operation
 * @param params    its parameters; a {@link Type#BYTES} value is a {@link Buffer}
 */
public record AdminCall(AdminOperation operation, JsonObject params) {

  public AdminCall {
    params = params == null ? new JsonObject() : params;
  }

  public static AdminCall of(AdminOperation operation) {
    return new AdminCall(operation, new JsonObject());
  }

  /** This call with {@code name} set to {@code value} (a null value is kept: JSON null). */
  public AdminCall with(String name, Object value) {
    return new AdminCall(operation, params.copy().put(name, value));
  }

  /** The 4458 request frame's JSON: {@code {"id":…,"method":…,"params":{…}}}, bytes as base64. */
  public JsonObject toFrame(long id) {
    JsonObject wire = new JsonObject();
    // The raw map: JsonObject's own views would turn a Buffer into base64url, not the base64 the node reads.
    params.getMap().forEach((name, value) -> wire.put(name, value instanceof Buffer bytes
        ? Base64.getEncoder().encodeToString(bytes.getBytes()) : value));
    return new JsonObject().put("id", id).put("method", operation.operationName()).put("params", wire);
  }

  /** The HTTP request of this call: path parameters in the path, query parameters, body. */
  public HttpForm toHttp() {
    String path = operation.httpPath();
    for (AdminParam param : operation.params(In.PATH)) {
      String segment = URLEncoder.encode(String.valueOf(params.getValue(param.name())), StandardCharsets.UTF_8)
          .replace("+", "%20");
      path = path.replace("{" + param.name() + "}", segment);
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (AdminParam param : operation.params(In.QUERY)) {
      Object value = params.getValue(param.name());
      if (value != null) {
        query.put(param.name(), String.valueOf(value));
      }
    }
    return new HttpForm(operation.httpMethod(), path, query, body(), contentType());
  }

  private Buffer body() {
    switch (operation.body()) {
      case NONE:
        return null;
      case BYTES:
        Object bytes = params.getMap().get(operation.params(In.BODY).get(0).name());
        return bytes instanceof Buffer buffer ? buffer : Buffer.buffer(); // none: empty, built-in code
      default:
        if (!operation.params(In.BODY).isEmpty()) {
          return Buffer.buffer(Json.encode(params.getValue(operation.params(In.BODY).get(0).name())));
        }
        JsonObject fields = new JsonObject();
        operation.params(In.FIELD).forEach(p -> {
          if (params.containsKey(p.name())) {
            fields.put(p.name(), params.getValue(p.name()));
          }
        });
        return fields.toBuffer();
    }
  }

  private String contentType() {
    boolean jar = operation.body() == Body.BYTES && params.getMap().get(operation.params(In.BODY).get(0).name()) != null;
    // A swap without a jar (the built-in implementation) goes as an empty JSON body.
    return operation.body() == Body.NONE ? null : jar ? HttpForm.JAR : HttpForm.JSON;
  }
}
