package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeTest {

  @Test
  void dotIsTheRoot() {
    Scope root = Scope.parse(".");
    assertTrue(root.isRoot());
    assertEquals(List.of(), root.keys());
    assertEquals(".", root.toString());
  }

  @Test
  void topLevelScopeAlone() {
    Scope scope = Scope.parse("com.actyx.os");
    assertFalse(scope.isRoot());
    assertEquals("com.actyx.os", scope.name());
    assertEquals(List.of(), scope.path());
    assertEquals(List.of("com.actyx.os"), scope.keys());
  }

  @Test
  void keysBelowTheScope() {
    Scope scope = Scope.parse("com.actyx.os/general/displayName");
    assertEquals("com.actyx.os", scope.name());
    assertEquals(List.of("general", "displayName"), scope.path());
    assertEquals(List.of("com.actyx.os", "general", "displayName"), scope.keys());
    assertEquals("com.actyx.os/general/displayName", scope.toString());
  }

  @Test
  void unknownScopeNamesParse() {
    assertEquals("com.example", Scope.parse("com.example/x").name());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"/", "..", "/general", "com.actyx.os/", "com.actyx.os//displayName", "com..os",
      ".com", "com.actyx.os /general", "com.actyx.os/gen\neral", " . "})
  void badSyntaxIsInvalidInput(String text) {
    AxException e = assertThrows(AxException.class, () -> Scope.parse(text));
    assertEquals(ErrorCode.INVALID_INPUT, e.code());
    assertTrue(e.getMessage().contains("com.actyx.os/general/displayName"), e.getMessage());
  }

  @Test
  void messageQuotesTheScope() {
    AxException e = assertThrows(AxException.class, () -> Scope.parse("com.actyx.os//x"));
    assertEquals("Invalid settings scope 'com.actyx.os//x': it has an empty key; use '.' or a scope such as "
        + "com.actyx.os/general/displayName", e.getMessage());
  }
}
