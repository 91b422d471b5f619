package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SwarmsSetupsCommandTest {

  private static final String PEER = "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

  @Test
  void secondsOutsideOneToThreeHundredAreRefusedBeforeAnyCall() {
    for (String seconds : new String[] {"0", "301"}) {
      CliRun run = CliRun.of("swarms", "setups", PEER, "--seconds", seconds, "--local", "127.0.0.1:1");
      assertEquals(1, run.exitCode());
      assertEquals("[ERR_INVALID_INPUT] Error: --seconds takes 1 to 300, not " + seconds, run.err().strip());
    }
  }

  @Test
  void printsTheFiguresLikePerf() {
    JsonObject figures = new JsonObject().put("peerId", "12D3KooWpeer").put("count", 1234).put("seconds", 10.0012)
        .put("perSecond", 123.385).put("medianMs", 7.891).put("p90Ms", 9.5).put("failures", 1)
        .put("lastError", "Connection refused");
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    new SwarmsSetupsCommand().printHuman(figures, out);
    out.flush();
    String nl = System.lineSeparator();
    assertEquals("Peer:      12D3KooWpeer" + nl
        + "Setups:    1234 in 10.001 s = 123.4 per second" + nl
        + "Latency:   median 7.89 ms, p90 9.50 ms (dial, secure, one ping)" + nl
        + "Failures:  1, last: Connection refused" + nl, text.toString());
  }
}
