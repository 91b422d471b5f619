package dev.axnode.adminapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.axnode.kernel.message.EventsPublish;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain reading of a publish body gives byte for byte the request the general way
 * (a tree of the body, then each payload written) gives, and declines every body it does
 * not read exactly as the general way would.
 */
class PublishRequestsTest {

  @Test
  void generatedBodiesReadAsTheGeneralWayReadsThem() {
    Random random = new Random(20261202);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder body = new StringBuilder("{");
      if (random.nextBoolean()) {
        body.append("\"other\": ").append(value(random, 2)).append(", ");
      }
      body.append("\"data\":[");
      int events = 1 + random.nextInt(5);
      for (int i = 0; i < events; i++) {
        body.append(i == 0 ? "" : ",").append(" {\"semantics\": ").append(string(random))
            .append(", \"payload\":").append(value(random, 4));
        if (random.nextBoolean()) {
          body.append(", \"extra\": ").append(value(random, 2));
        }
        body.append(",\"name\":").append(string(random)).append("}");
      }
      body.append("]\n}");
      assertSameRequest(body.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":[1.0, 1E2, -0, -0.0, 1e400, 0.1, 12345678901234567890, 9007199254740993.5]}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":\"\\ud83d\\ude00 \\u00e9 😀 \\u0000 \\t \\\" \\/ \\\\\"}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":null}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":{\"a\":{\"b\":[[],{}]}}}], \"data2\": 1}",
  })
  void boundaryValuesReadAsTheGeneralWayReadsThem(String body) {
    assertSameRequest(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not json", "[]", "{}", "{\"data\":[]}", "{\"data\":{}}", "{\"data\":[1]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\"}]}",
      "{\"data\":[{\"semantics\":1,\"name\":\"n\",\"payload\":1}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":null,\"payload\":1}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":1}]} trailing",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":1}], \"data\":[]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":{\"a\":1,\"a\":2}}]}",
      "{\"data\":[{\"semantics\":\"s\",\"semantics\":\"t\",\"name\":\"n\",\"payload\":1}]}",
      "{/* comment */ \"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":1}]}",
      "{\"data\":[{\"semantics\":\"s\",\"name\":\"n\",\"payload\":1}]",
  })
  void declinesWhatItDoesNotReadExactly(String body) {
    assertNull(PublishRequests.plain(body), body);
  }

  private static void assertSameRequest(String body) {
    EventsPublish plain = PublishRequests.plain(body);
    assertNotNull(plain, body);
    EventsPublish general = PublishRequests.of(((JsonObject) Json.decodeValue(body)).getJsonArray("data"));
    assertEquals(general.events().size(), plain.events().size());
    for (int i = 0; i < general.events().size(); i++) {
      EventsPublish.Event expected = general.events().get(i);
      EventsPublish.Event actual = plain.events().get(i);
      assertEquals(expected.semantics(), actual.semantics());
      assertEquals(expected.name(), actual.name());
      assertArrayEquals(expected.payload(), actual.payload(), () -> body + " gave "
          + new String(actual.payload(), StandardCharsets.UTF_8) + ", not " + new String(expected.payload(), StandardCharsets.UTF_8));
    }
  }

  /** Random JSON text: nested containers, every kind of number text, strings with escapes and non-ASCII. */
  private static String value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> Integer.toString(random.nextInt());
      case 3 -> number(random);
      case 4, 5 -> string(random);
      case 6 -> Long.toString(random.nextLong());
      case 7 -> {
        StringBuilder array = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          array.append(i == 0 ? "" : " , ").append(value(random, depth - 1));
        }
        yield array.append("]").toString();
      }
      default -> {
        StringBuilder object = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          object.append(i == 0 ? "" : ",").append("\"k").append(i).append(random.nextBoolean() ? "ü" : "")
              .append("\" :").append(value(random, depth - 1));
        }
        yield object.append("}").toString();
      }
    };
  }

  private static String number(Random random) {
    String[] shapes = {"0.5", "-12.25e3", "1E-7", "3.141592653589793238", "123456789012345678901234567890",
        "-9223372036854775809", "2147483648", "1e308", "4.9e-324", "0.0", "-0", "100.000", "6.02214076E23"};
    return random.nextInt(3) == 0 ? Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20))
        : shapes[random.nextInt(shapes.length)];
  }

  private static String string(Random random) {
    String[] pieces = {"a", "orders", "ü", "✓", "😀", "\\n", "\\\"", "\\\\", "\\u0001", "\\ud83d\\ude00", "\\u00e9",
        " ", "\\/", "\u2028", "\u007f", "\\ud800", "\\udc00x"};
    StringBuilder text = new StringBuilder("\"");
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.append("\"").toString();
  }

  @Test
  void theGeneralWayWritesEachPayloadOnItsOwn() {
    EventsPublish request = PublishRequests.of(new JsonArray()
        .add(new JsonObject().put("semantics", "s").put("name", "n").put("payload", new JsonObject().put("a", 1)))
        .add(new JsonObject().put("semantics", "s").put("name", "m").put("payload", "x")));
    assertEquals("{\"a\":1}", new String(request.events().get(0).payload(), StandardCharsets.UTF_8));
    assertEquals("\"x\"", new String(request.events().get(1).payload(), StandardCharsets.UTF_8));
  }
}
