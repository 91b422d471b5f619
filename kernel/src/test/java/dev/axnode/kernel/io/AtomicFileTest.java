package dev.axnode.kernel.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFileTest {

  @Test
  void writesOwnerOnlyAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("sub/settings.json");
    AtomicFile.write(target, "one".getBytes(StandardCharsets.UTF_8));
    AtomicFile.write(target, "two".getBytes(StandardCharsets.UTF_8));
    assertEquals("two", Files.readString(target));
    assertEquals(AtomicFile.OWNER_ONLY, Files.getPosixFilePermissions(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void removesLeftoversOfACrash(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("settings.json");
    AtomicFile.write(target, "{}".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve(".settings.json.12345.tmp"), "half");
    Files.writeString(dir.resolve("other.tmp"), "not ours");
    AtomicFile.removeLeftovers(target);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(java.util.Set.of("settings.json", "other.tmp"),
          files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  @Test
  void createRefusesToReplace(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("keystore");
    AtomicFile.create(target, new byte[] {1});
    assertThrows(FileAlreadyExistsException.class, () -> AtomicFile.create(target, new byte[] {2}));
    assertEquals(1, Files.readAllBytes(target)[0]);
  }
}
