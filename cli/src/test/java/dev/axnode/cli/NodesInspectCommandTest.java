package dev.axnode.cli;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodesInspectCommandTest {

  @Test
  void showsEachSwarmLayersLiveConnectionsAndADashForALayerThatDidNotAnswer() {
    JsonObject node = new JsonObject().put("nodeId", "12D3KooWtest").put("layers", new JsonObject()
        .put("transport", new JsonObject().put("connections", 3).put("pending", 1))
        .put("psk", new JsonObject().put("connections", 3))
        .putNull("handshake"));
    String text = print(node);
    assertTrue(text.contains("Swarm layers (live connections):"), text);
    assertTrue(text.matches("(?s).*transport +3 +1.*"), text);
    assertTrue(text.matches("(?s).*psk +3 +-.*"), text);
    assertTrue(text.matches("(?s).*handshake +- +-.*"), text);
  }

  @Test
  void anOlderNodeWithoutLayerCountsPrintsNoLayerTable() {
    assertFalse(print(new JsonObject().put("nodeId", "12D3KooWtest")).contains("Swarm layers"));
  }

  private static String print(JsonObject node) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      new NodesInspectCommand().printHuman(node, out);
    }
    return text.toString();
  }
}
