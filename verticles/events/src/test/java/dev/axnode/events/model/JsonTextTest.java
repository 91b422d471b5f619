package dev.axnode.events.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JsonText: RFC 8259 values accepted, everything else refused; it agrees with a strict Jackson parser. */
class JsonTextTest {

  /** Jackson without the Vert.x extras (comments): the strict reference. */
  private static final JsonFactory STRICT = JsonFactory.builder().disable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "12", "-1.5e+10", "1E-3", "0.25", "true", "false", "null", "\"\"",
      " \"a\\\"b\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\" ", "[]", "{}", "[ ]", "{ }", "[1,[2,[3]],{}]",
      "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}", "\t\r\n{\"x\" : [ 1 , 2 ] }\n", "\"grüße ✓ 😀\"",
      "{\"i\":1,\"value\":20.5,\"unit\":\"celsius\"}", "{\"a\":1,\"a\":2}"})
  void acceptsJson(String text) {
    assertTrue(JsonText.isValid(text.getBytes(StandardCharsets.UTF_8)), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "01", "-", "1.", ".5", "1e", "+1", "0x10", "NaN", "Infinity", "tru", "nul",
      "True", "\"", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"\\u12\"", "[", "]", "[1,]", "[,1]", "[1 2]", "{", "{\"a\"}",
      "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{'a':1}", "[1]]", "{}}", "1 2", "[] []", "/* c */ 1",
      "1 // c", "[1]x", "\"tab\there\"", "\"line\nbreak\"", "{\"a\":1]", "[1}"})
  void refusesWhatIsNotJson(String text) {
    assertFalse(JsonText.isValid(text.getBytes(StandardCharsets.UTF_8)), text);
  }

  @Test
  void refusesInvalidUtf8InStringsAndAnyNonAsciiOutsideThem() {
    byte[][] invalid = {
        {'"', (byte) 0xC0, (byte) 0x80, '"'},                          // overlong NUL
        {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'},             // overlong
        {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},             // a surrogate
        {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
        {'"', (byte) 0x80, '"'},                                       // a lone continuation byte
        {'"', (byte) 0xC3, '"'},                                       // a sequence cut short
        {'"', (byte) 0xFF, '"'},
        {(byte) 0xC3, (byte) 0xA9},                                    // é outside a string
    };
    for (byte[] bytes : invalid) {
      assertFalse(JsonText.isValid(bytes), () -> java.util.HexFormat.of().formatHex(bytes));
    }
    assertTrue(JsonText.isValid(new byte[] {'"', (byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF, '"'}));
  }

  @Test
  void nestingIsBoundedAndNeverRecurses() {
    assertTrue(JsonText.isValid(nested(JsonText.MAX_DEPTH)));
    assertFalse(JsonText.isValid(nested(JsonText.MAX_DEPTH + 1)));
    // far deeper than any stack would take, refused without a StackOverflowError
    assertFalse(JsonText.isValid("[".repeat(200_000).getBytes(StandardCharsets.US_ASCII)));
    String mixed = "{\"a\":[".repeat(400) + "1" + "]}".repeat(400);
    assertTrue(JsonText.isValid(mixed.getBytes(StandardCharsets.US_ASCII)));
    assertFalse(JsonText.isValid((mixed.substring(0, mixed.length() - 2) + "}]").getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void numbersAreBoundedAsJacksonBoundsThem() {
    assertTrue(JsonText.isValid("1".repeat(JsonText.MAX_NUMBER_CHARS).getBytes(StandardCharsets.US_ASCII)));
    assertFalse(JsonText.isValid("1".repeat(JsonText.MAX_NUMBER_CHARS + 1).getBytes(StandardCharsets.US_ASCII)));
  }

  @Property(tries = 300)
  void everyPayloadAVertxNodeWritesIsValid(@ForAll("values") Object value) {
    byte[] text = new JsonArray().add(value).encode().getBytes(StandardCharsets.UTF_8);
    // the array's element alone, as NewEvent stores a payload
    String encoded = new String(text, StandardCharsets.UTF_8);
    byte[] payload = encoded.substring(1, encoded.length() - 1).getBytes(StandardCharsets.UTF_8);
    assertTrue(JsonText.isValid(payload), encoded);
  }

  @Property(tries = 2000)
  void agreesWithStrictJacksonOnMutatedPayloads(@ForAll("values") Object value, @ForAll @IntRange(max = 1000) int where,
                                                @ForAll("jsonBytes") byte replacement) {
    String encoded = new JsonArray().add(value).encode();
    byte[] payload = encoded.substring(1, encoded.length() - 1).getBytes(StandardCharsets.UTF_8);
    if (payload.length == 0) {
      return;
    }
    payload[where % payload.length] = replacement;
    assertEquals(jacksonAccepts(payload), JsonText.isValid(payload), new String(payload, StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<Byte> jsonBytes() {
    return Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) ',', (byte) ':', (byte) '"',
        (byte) '\\', (byte) ' ', (byte) '0', (byte) '1', (byte) '-', (byte) '.', (byte) 'e', (byte) 'x', (byte) 't',
        (byte) 'n', (byte) 'u', (byte) '/', (byte) '\n', (byte) 0x01);
  }

  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> scalars = Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
        Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    return Arbitraries.recursive(() -> scalars, this::containerOf, 0, 3);
  }

  private Arbitrary<Object> containerOf(Arbitrary<Object> elements) {
    return Arbitraries.oneOf(
        elements.list().ofMaxSize(4).map(list -> (Object) new JsonArray(list)),
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), elements).ofMaxSize(4)
            .map(map -> (Object) new JsonObject(new java.util.LinkedHashMap<>(map))));
  }

  private static boolean jacksonAccepts(byte[] payload) {
    try (JsonParser parser = STRICT.createParser(payload)) {
      int depth = 0;
      do {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return false;
        }
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token.isNumeric()) {
          parser.getNumberValue();
        } else {
          parser.getText();
        }
      } while (depth > 0);
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] nested(int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
  }
}
