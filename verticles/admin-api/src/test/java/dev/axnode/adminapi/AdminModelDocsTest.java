package dev.axnode.adminapi;

import dev.axnode.kernel.admin.AdminOperation;
import dev.axnode.kernel.admin.AdminParam;
import dev.axnode.kernel.admin.AdminParam.In;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both documents of the admin API list exactly the operations of {@link AdminOperation}, with their params. */
class AdminModelDocsTest {

  /** A method row of ADMIN-PROTOCOL.md's table; a method name has one or more dots (events.keys.create). */
  private static final Pattern METHOD_ROW = Pattern.compile("(?m)^\\| `([a-z]+(?:\\.[a-zA-Z]+)+)` \\|([^|]*)\\|");

  @Test
  void openApiHasEveryOperationAtItsMethodAndPathWithItsParams() throws IOException {
    JsonObject openApi = openApi();
    JsonObject paths = openApi.getJsonObject("paths");
    Set<String> documented = new HashSet<>();
    paths.forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (entry.getValue() instanceof JsonObject operation && operation.containsKey("operationId")) {
        documented.add(operation.getString("operationId"));
      }
    }));
    Set<String> modelled = new HashSet<>();
    for (AdminOperation operation : AdminOperation.values()) {
      modelled.add(operation.operationName());
      JsonObject path = paths.getJsonObject(operation.httpPath());
      assertNotNull(path, operation + ": no path " + operation.httpPath());
      JsonObject op = path.getJsonObject(operation.httpMethod().name().toLowerCase(Locale.ROOT));
      assertNotNull(op, operation + ": no " + operation.httpMethod() + " at " + operation.httpPath());
      assertEquals(operation.operationName(), op.getString("operationId"));
      Set<String> urlParams = urlParams(openApi, path, op);
      for (AdminParam param : operation.params()) {
        switch (param.in()) {
          case PATH, QUERY -> assertTrue(urlParams.contains(param.in().name().toLowerCase(Locale.ROOT) + ":"
              + param.name()), operation + ": " + param + " not in " + urlParams);
          case BODY -> assertNotNull(op.getJsonObject("requestBody"), operation + ": no requestBody");
          case FIELD -> assertTrue(op.getJsonObject("requestBody").getJsonObject("content")
              .getJsonObject("application/json").getJsonObject("schema").getJsonObject("properties")
              .containsKey(param.name()), operation + ": body field " + param.name());
          default -> throw new AssertionError(param.in());
        }
      }
    }
    assertEquals(modelled, documented, "operationIds of openapi.json");
  }

  @Test
  void adminProtocolListsEveryOperationWithItsParams() throws IOException {
    String doc = Files.readString(Path.of("ADMIN-PROTOCOL.md"), StandardCharsets.UTF_8);
    Matcher rows = METHOD_ROW.matcher(doc);
    Set<String> documented = new HashSet<>();
    while (rows.find()) {
      documented.add(rows.group(1));
      AdminOperation operation = AdminOperation.byName(rows.group(1)).orElseThrow(() ->
          new AssertionError("ADMIN-PROTOCOL.md lists " + rows.group(1) + ", which the model does not have"));
      for (AdminParam param : operation.params()) {
        assertTrue(rows.group(2).contains("`" + param.name() + "`"), operation + ": param " + param.name()
            + " not in '" + rows.group(2) + "'");
      }
      if (operation.params().isEmpty()) {
        assertEquals("–", rows.group(2).strip(), operation + " has no params");
      }
    }
    Set<String> modelled = new HashSet<>();
    for (AdminOperation operation : AdminOperation.values()) {
      modelled.add(operation.operationName());
    }
    assertEquals(modelled, documented, "methods of ADMIN-PROTOCOL.md");
  }

  /** "in:name" of the operation's and its path's parameters, $refs resolved. */
  private static Set<String> urlParams(JsonObject openApi, JsonObject path, JsonObject op) {
    Set<String> names = new HashSet<>();
    JsonArray all = new JsonArray().addAll(path.getJsonArray("parameters", new JsonArray()))
        .addAll(op.getJsonArray("parameters", new JsonArray()));
    for (Object item : all) {
      JsonObject param = (JsonObject) item;
      if (param.containsKey("$ref")) {
        String ref = param.getString("$ref");
        param = openApi.getJsonObject("components").getJsonObject("parameters")
            .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      }
      names.add(param.getString("in") + ":" + param.getString("name"));
    }
    return names;
  }

  private static JsonObject openApi() throws IOException {
    try (InputStream in = HttpRoutes.class.getResourceAsStream("openapi.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
