package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwarmsKeygenCommandTest {

  @TempDir
  Path dir;

  @Test
  void printsAPnetKeyFile() {
    CliRun run = CliRun.of("swarms", "keygen");
    assertEquals(0, run.exitCode());
    assertEquals("", run.err());
    String key = run.out().strip();
    assertTrue(key.matches("/key/swarm/psk/1\\.0\\.0/\n/base16/\n[0-9a-f]{64}"), key);
    SwarmKey.parse(key);
  }

  @Test
  void everyKeyIsNew() {
    assertNotEquals(CliRun.of("swarms", "keygen").out(), CliRun.of("swarms", "keygen").out());
  }

  @Test
  void jsonEnvelope() {
    CliRun run = CliRun.of("swarms", "keygen", "--json");
    assertEquals(0, run.exitCode());
    JsonObject envelope = new JsonObject(run.out());
    assertEquals("OK", envelope.getString("code"));
    SwarmKey.parse(envelope.getString("result"));
  }

  @Test
  void writesANewFileReadableByTheOwnerOnly() throws IOException {
    Path file = dir.resolve("swarm.key");
    CliRun run = CliRun.of("swarms", "keygen", "--output", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("Wrote a new swarm key to " + file + ".", run.out().strip());
    SwarmKey.parse(Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void refusesToOverwriteAnExistingFile() throws IOException {
    Path file = dir.resolve("swarm.key");
    Files.writeString(file, "precious");
    CliRun run = CliRun.of("swarms", "keygen", "--output", file.toString());
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertEquals("[ERR_FILE_EXISTS] Error: File " + file + " already exists; not overwriting it.", run.err().strip());
    assertEquals("precious", Files.readString(file));
  }

  @Test
  void missingDirectoryIsErrIo() {
    Path file = dir.resolve("no/such/dir/swarm.key");
    CliRun run = CliRun.of("swarms", "keygen", "--output", file.toString());
    assertEquals(1, run.exitCode());
    assertEquals("[ERR_IO] Error: Cannot write file " + file + ": No such directory", run.err().strip());
  }

  @Test
  void refusalAsJson() throws IOException {
    Path file = dir.resolve("swarm.key");
    Files.writeString(file, "precious");
    CliRun run = CliRun.of("swarms", "keygen", "--output", file.toString(), "--json");
    assertEquals(1, run.exitCode());
    JsonObject error = new JsonObject(run.out());
    assertEquals("ERR_FILE_EXISTS", error.getString("code"));
    assertEquals("", run.err());
  }
}
