package dev.axnode.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SwarmsPerfSizeTest {

  @Test
  void sizesTakeBinaryAndDecimalUnits() {
    assertEquals(1024, SwarmsPerfCommand.bytes("--download", "1024"));
    assertEquals(10L << 20, SwarmsPerfCommand.bytes("--download", "10MiB"));
    assertEquals(1L << 30, SwarmsPerfCommand.bytes("--download", "1gib"));
    assertEquals(5_000_000, SwarmsPerfCommand.bytes("--upload", "5MB"));
  }

  @Test
  void badSizesAreInvalidInput() {
    CommandException e = assertThrows(CommandException.class, () -> SwarmsPerfCommand.bytes("--download", "lots"));
    assertEquals("ERR_INVALID_INPUT", e.code());
  }
}
