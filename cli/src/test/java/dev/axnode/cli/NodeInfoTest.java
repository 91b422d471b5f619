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
  void oneMemberPrintsNoMemberColumn() {
    JsonObject member = new JsonObject().put("id", "local").put("host", "edge-7").put("pid", 4242);
    JsonArray verticles = new JsonArray()
        .add(new JsonObject().put("name", "keystore").put("state", "RUNNING").put("member", member))
        .add(new JsonObject().put("name", "settings").put("state", "RUNNING").put("member", member));
    String nl = System.lineSeparator();
    assertEquals("NAME      IMPLEMENTATION  VERSION  DEPLOYMENT-ID  STATE" + nl
        + "keystore  -               -        -              RUNNING" + nl
        + "settings  -               -        -              RUNNING" + nl, print(verticles));
  }

  @Test
  void severalMembersPrintAMemberColumn() {
    JsonArray verticles = new JsonArray()
        .add(new JsonObject().put("name", "keystore").put("deploymentId", "1").put("state", "RUNNING")
            .put("member", new JsonObject().put("id", "m-1").put("host", "vault").put("pid", 101)))
        .add(new JsonObject().put("name", "transport").put("deploymentId", "1").put("state", "RUNNING")
            .put("member", new JsonObject().put("id", "m-2").put("host", "edge-7").put("pid", 2202)));
    String nl = System.lineSeparator();
    assertEquals("NAME       IMPLEMENTATION  VERSION  DEPLOYMENT-ID  STATE    MEMBER" + nl
        + "keystore   -               -        1              RUNNING  101@vault" + nl
        + "transport  -               -        1              RUNNING  2202@edge-7" + nl, print(verticles));
  }

  private static String print(JsonArray verticles) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    NodeInfo.verticles(verticles).print(out);
    out.flush();
    return text.toString();
  }

  @Test
  void hostPort() {
    assertEquals("127.0.0.1:4457", NodeInfo.hostPort(new JsonObject().put("host", "127.0.0.1").put("port", 4457)));
    assertEquals("[::1]:4458", NodeInfo.hostPort(new JsonObject().put("host", "::1").put("port", 4458)));
  }
}
