package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class NodeInfoTest {

  @Test
  void uptime() {
    assertEquals("0s", NodeInfo.uptime(999));
    assertEquals("59s", NodeInfo.uptime(59_000));
    assertEquals("1m 0s", NodeInfo.uptime(60_000));
    assertEquals("1h 0m 5s", NodeInfo.uptime(3_605_000L));
    assertEquals("2d 3h 4m 5s", NodeInfo.uptime(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000L));
    assertEquals("-", NodeInfo.uptime(null));
    assertEquals("-", NodeInfo.uptime("soon"));
  }

  @Test
  void verticlesTable() {
    JsonArray verticles = new JsonArray()
        .add(new JsonObject().put("name", "admin-api").put("implementation", "dev.axnode.AdminApi")
            .put("version", "0.1.0").put("deploymentId", "d-1").put("state", "RUNNING").put("source", "built-in"))
        .add(new JsonObject().put("name", "keystore"));
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    NodeInfo.verticles(verticles).print(out);
    out.flush();
    String nl = System.lineSeparator();
    assertEquals(
        "NAME       IMPLEMENTATION       VERSION  DEPLOYMENT-ID  STATE" + nl
            + "admin-api  dev.axnode.AdminApi  0.1.0    d-1            RUNNING" + nl
            + "keystore   -                    -        -              -" + nl,
        text.toString());
  }

  @Test
  void hostPort() {
    assertEquals("127.0.0.1:4457", NodeInfo.hostPort(new JsonObject().put("host", "127.0.0.1").put("port", 4457)));
    assertEquals("[::1]:4458", NodeInfo.hostPort(new JsonObject().put("host", "::1").put("port", 4458)));
  }
}
