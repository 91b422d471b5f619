package dev.axnode.adminapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.axnode.kernel.message.EventsPublished;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer to a publish, written from the message, is the text the JSON envelope of its tree gives. */
class EnvelopeTest {

  @Test
  void aPublishAnswerIsTheEnvelopeOfItsJson() {
    for (EventsPublished published : List.of(new EventsPublished("12D3KooWxyz", List.of()),
        new EventsPublished("12D3KooWxyz", List.of(
            new EventsPublished.Stored("orders", "o-1", 0, 1, 1_700_000_000_000_000L),
            new EventsPublished.Stored("zähler ✓ \"quoted\" \\ \u0001 😀", "line\nbreak", Long.MAX_VALUE, -1,
                Long.MIN_VALUE))))) {
      assertEquals(new JsonObject().put("code", "OK").put("result", published.toJson()).encode(),
          Envelope.okBody(published));
    }
  }
}
