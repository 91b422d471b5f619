package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueParserTest {

  private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

  @TempDir
  Path dir;

  private static Object parse(String argument) {
    return ValueParser.parseArgument(argument, NO_STDIN);
  }

  @Test
  void quotedJsonStringIsTheString() {
    assertEquals("Press 7", parse("\"Press 7\""));
  }

  @Test
  void plainTextIsAString() {
    assertEquals("Press 7", parse("Press 7"));
  }

  @Test
  void booleansIntegersFloatsAndNull() {
    assertEquals(Boolean.TRUE, parse("true"));
    assertEquals(Boolean.FALSE, parse("false"));
    assertEquals(42, parse("42"));
    assertEquals(-7, parse("-7"));
    assertEquals(1.5, parse("1.5"));
    assertEquals(1e5, parse("1e5"));
    assertNull(parse("null"));
  }

  @Test
  void yaml11OddTypesStayStrings() {
    assertEquals("yes", parse("yes"));
    assertEquals("no", parse("no"));
    assertEquals("012", parse("012"));
    assertEquals("12:30", parse("12:30"));
    assertEquals("2024-01-01", parse("2024-01-01"));
    assertEquals("0x1F", parse("0x1F"));
  }

  @Test
  void jsonArray() {
    assertEquals(new JsonArray().add("0abc="), parse("[\"0abc=\"]"));
  }

  @Test
  void unquotedFlowSequenceAsTheShellLeavesIt() {
    String key = "0hoWXFyVHzbhhQ6fU+z/kZb8oaN+ligosj2/hzuJn04I=";
    assertEquals(new JsonArray().add(key), parse("[" + key + "]"));
  }

  @Test
  void jsonObject() {
    Object value = parse("{\"general\":{\"displayName\":\"A\",\"bootstrapNodes\":[],\"requireAuthentication\":false}}");
    JsonObject expected = new JsonObject().put("general", new JsonObject()
        .put("displayName", "A").put("bootstrapNodes", new JsonArray()).put("requireAuthentication", false));
    assertEquals(expected, value);
  }

  @Test
  void yamlObject() {
    Object value = parse("general:\n  displayName: Press 7\n  authorizedKeys:\n    - 0abc=\n  logLevels: {os: DEBUG}\n");
    JsonObject expected = new JsonObject().put("general", new JsonObject()
        .put("displayName", "Press 7")
        .put("authorizedKeys", new JsonArray().add("0abc="))
        .put("logLevels", new JsonObject().put("os", "DEBUG")));
    assertEquals(expected, value);
  }

  @Test
  void fromFile() throws IOException {
    Path file = dir.resolve("value.yml");
    Files.writeString(file, "displayName: From file\n");
    assertEquals(new JsonObject().put("displayName", "From file"), parse("@" + file));
  }

  @Test
  void fromStdin() {
    InputStream stdin = new ByteArrayInputStream("[1, 2]".getBytes(StandardCharsets.UTF_8));
    assertEquals(new JsonArray().add(1).add(2), ValueParser.parseArgument("@-", stdin));
  }

  @Test
  void unreadableFileIsErrIo() {
    Path missing = dir.resolve("missing.json");
    CommandException e = assertThrows(CommandException.class, () -> parse("@" + missing));
    assertEquals("ERR_IO", e.code());
    assertEquals("Cannot read file " + missing + ": No such file", e.getMessage());
  }

  @Test
  void directoryIsErrIo() {
    CommandException e = assertThrows(CommandException.class, () -> parse("@" + dir));
    assertEquals("ERR_IO", e.code());
    assertTrue(e.getMessage().startsWith("Cannot read file " + dir + ": "), e.getMessage());
  }

  @Test
  void syntaxErrorIsInvalidInputWithAShortMessage() {
    CommandException e = assertThrows(CommandException.class, () -> parse("{\"a\": [1, 2"));
    assertEquals("ERR_INVALID_INPUT", e.code());
    assertTrue(e.getMessage().startsWith("Cannot parse the value: "), e.getMessage());
    assertTrue(e.getMessage().contains("(line 1, column"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void mappingInsideAScalarIsInvalid() {
    CommandException e = assertThrows(CommandException.class, () -> parse("a: b: c"));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }

  @Test
  void duplicateKeysAreInvalid() {
    CommandException e = assertThrows(CommandException.class, () -> parse("{a: 1, a: 2}"));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }

  @Test
  void emptyValueIsInvalid() {
    CommandException e = assertThrows(CommandException.class, () -> parse("  "));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }

  @Test
  void nonJsonNumbersAreInvalid() {
    CommandException e = assertThrows(CommandException.class, () -> parse("!!float .nan"));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }
}
