package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class YamlRendererTest {

  private static JsonObject settings(JsonArray authorizedKeys) {
    return new JsonObject()
        .put("services", new JsonObject().put("eventService",
            new JsonObject().put("topic", "default-topic").put("readOnly", false)))
        .put("general", new JsonObject()
            .put("swarmKey", "L2tleS9z")
            .put("requireAuthentication", false)
            .put("logLevels", new JsonObject().put("os", "INFO").put("apps", "INFO"))
            .put("displayName", "Press 7")
            .put("bootstrapNodes", new JsonArray())
            .put("authorizedKeys", authorizedKeys)
            .put("announceAddresses", new JsonArray()));
  }

  @Test
  void settingsObjectAsTheTranscriptShowsIt() {
    String expected = """
        general:
          announceAddresses: []
          authorizedKeys: []
          bootstrapNodes: []
          displayName: Press 7
          logLevels:
            apps: INFO
            os: INFO
          requireAuthentication: false
          swarmKey: L2tleS9z
        services:
          eventService:
            readOnly: false
            topic: default-topic
        """;
    assertEquals(expected, YamlRenderer.render(settings(new JsonArray())));
  }

  @Test
  void sequencesAreIndentedUnderTheirKey() {
    String yaml = YamlRenderer.render(settings(new JsonArray().add("0abc=").add("0def=")));
    assertEquals(true, yaml.contains("  authorizedKeys:\n    - 0abc=\n    - 0def=\n"), yaml);
  }

  @Test
  void documentStartsWithThreeDashes() {
    String yaml = YamlRenderer.renderDocument(new JsonObject().put("b", 1).put("a", new JsonArray()));
    assertEquals("---\na: []\nb: 1\n", yaml);
  }

  @Test
  void keysSortedAtEveryLevelInsideLists() {
    Object value = new JsonArray().add(new JsonObject().put("z", 1).put("a", new JsonObject().put("y", 2).put("b", 3)));
    assertEquals("- a:\n    b: 3\n    y: 2\n  z: 1\n", YamlRenderer.render(value));
  }

  @Test
  void emptyObjectAndEmptyList() {
    assertEquals("[]\n", YamlRenderer.render(new JsonArray()));
    assertEquals("x: {}\n", YamlRenderer.render(new JsonObject().put("x", new JsonObject())));
  }

  @Test
  void scalarsPrintPlainForHumans() {
    assertEquals("Default Node\n", YamlRenderer.renderForHumans("Default Node"));
    assertEquals("true\n", YamlRenderer.renderForHumans(true));
    assertEquals("42\n", YamlRenderer.renderForHumans(42));
    assertEquals("null\n", YamlRenderer.renderForHumans(null));
    assertEquals("yes\n", YamlRenderer.renderForHumans("yes"));
  }

  @Test
  void stringsThatLookLikeOtherTypesAreQuotedInsideObjects() {
    assertEquals("a: 'true'\nb: '42'\n", YamlRenderer.render(new JsonObject().put("a", "true").put("b", "42")));
  }

  @Test
  void longStringsStayOnOneLine() {
    String words = "word ".repeat(40).strip();
    assertEquals("a: " + words + "\n", YamlRenderer.render(new JsonObject().put("a", words)));
  }
}
