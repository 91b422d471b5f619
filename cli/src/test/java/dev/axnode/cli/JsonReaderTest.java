package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonReader} reads what Vert.x's Jackson codec reads, into the same values, and refuses the rest. */
class JsonReaderTest {

  private static JsonObject read(String json) {
    return JsonReader.object(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheSameValuesAsJackson() {
    List<String> documents = List.of(
        "{}",
        " \r\n\t{ \"code\" : \"OK\" , \"result\" : null }\n",
        "{\"code\":\"OK\",\"result\":{\"general\":{\"displayName\":\"Press 7\",\"bootstrapNodes\":[],\"n\":[1,2,[3,{}]]}}}",
        "{\"i\":0,\"neg\":-12,\"max\":2147483647,\"min\":-2147483648,\"long\":2147483648,\"longMin\":-9223372036854775808,"
            + "\"big\":92233720368547758070,\"d\":1.5,\"e\":-2.5E-3,\"e2\":1e5,\"zero\":0.0,\"t\":true,\"f\":false}",
        "{\"s\":\"tab\\t nl\\n quote\\\" back\\\\ slash\\/ u\\u00e9 pair\\ud83d\\ude00 raw ü 😀 \\b\\f\\r\"}",
        "{\"dup\":1,\"dup\":2}");
    for (String document : documents) {
      JsonObject ours = read(document);
      JsonObject jackson = new JsonObject(document);
      assertEquals(jackson, ours, document);
      assertEquals(jackson.encode(), ours.encode(), document);
    }
  }

  @Test
  void keepsNumberTypesAsJacksonDoes() {
    JsonObject ours = read("{\"i\":7,\"l\":5000000000,\"d\":7.0}");
    assertEquals(Integer.class, ours.getValue("i").getClass());
    assertEquals(Long.class, ours.getValue("l").getClass());
    assertEquals(Double.class, ours.getValue("d").getClass());
  }

  @Test
  void refusesAnythingButOneObject() {
    for (String bad : List.of("", " ", "[]", "\"x\"", "1", "null", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"x}",
        "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"line\nbreak\"}", "{a:1}", "{\"a\":1} x", "{}{}",
        "{\"a\":[1,]}", "{\"a\":[1 2]}", "<html></html>", "[".repeat(600))) {
      assertThrows(IllegalArgumentException.class, () -> read(bad), bad);
    }
  }

  @Test
  void boundsTheNesting() {
    String deep = "{\"a\":" + "[".repeat(511) + "]".repeat(511) + "}";
    assertEquals(new JsonObject(deep), read(deep));
    String tooDeep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
    assertThrows(IllegalArgumentException.class, () -> read(tooDeep));
  }
}
