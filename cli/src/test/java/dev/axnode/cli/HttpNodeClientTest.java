package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** How answers and transport failures of the HTTP admin API are read. */
class HttpNodeClientTest {

  private static final HttpNodeAddress NODE = new HttpNodeAddress("localhost", 4457);

  @Test
  void okEnvelopeIsReturnedAsIs() {
    JsonObject envelope = HttpNodeClient.interpret(NODE, 200, Buffer.buffer("{\"code\":\"OK\",\"result\":null}"));
    assertEquals(new JsonObject().put("code", "OK").putNull("result"), envelope);
  }

  @Test
  void errorEnvelopeBecomesItsCodeAndMessage() {
    CommandException e = assertThrows(CommandException.class, () -> HttpNodeClient.interpret(NODE, 503,
        Buffer.buffer("{\"code\":\"ERR_NODE_MISCONFIGURED\",\"message\":\"Node HTTP API is not available\"}")));
    assertEquals("ERR_NODE_MISCONFIGURED", e.code());
    assertEquals("Node HTTP API is not available", e.getMessage());
  }

  @Test
  void unknownErrorCodesPassThrough() {
    CommandException e = assertThrows(CommandException.class, () -> HttpNodeClient.interpret(NODE, 500,
        Buffer.buffer("{\"code\":\"ERR_SOMETHING_NEW\",\"message\":\"m\"}")));
    assertEquals("ERR_SOMETHING_NEW", e.code());
  }

  @Test
  void garbledAnswersAreInternalErrors() {
    for (String body : new String[] {"<html>404</html>", "", "[1,2]", "{\"code\":\"OK\"}", "{\"result\":1}", "\"OK\""}) {
      CommandException e = assertThrows(CommandException.class,
          () -> HttpNodeClient.interpret(NODE, 404, Buffer.buffer(body)), body);
      assertEquals("ERR_INTERNAL_ERROR", e.code(), body);
      assertTrue(e.getMessage().startsWith("Node at localhost:4457 sent an unexpected answer (HTTP 404)"), e.getMessage());
    }
  }

  @Test
  void transportFailuresNameTheAddress() {
    assertEquals("Node at localhost:4457 is unreachable: Connection refused",
        HttpNodeClient.failure(NODE, new ConnectException("Connection refused: localhost/127.0.0.1:4457")).getMessage());
    CommandException unknown = HttpNodeClient.failure(new HttpNodeAddress("nosuch.invalid", 4457),
        new UnknownHostException("nosuch.invalid: Name or service not known"));
    assertEquals("ERR_NODE_UNREACHABLE", unknown.code());
    assertEquals("Node at nosuch.invalid:4457 is unreachable: Unknown host nosuch.invalid", unknown.getMessage());
    assertEquals("ERR_INTERNAL_ERROR", HttpNodeClient.failure(NODE, new IllegalStateException("odd")).code());
  }
}
