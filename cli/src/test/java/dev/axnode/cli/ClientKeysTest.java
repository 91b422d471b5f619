package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client key pair, its file {@code <config>/keys} and {@code ax swarms listKeys}. */
class ClientKeysTest {

  @TempDir
  Path home;

  private Path keys() {
    return home.resolve("actyxos/keys");
  }

  @Test
  void rfc8032TestVector1() {
    // RFC 8032 section 7.1, TEST 1: the empty message.
    ClientKeyPair pair = ClientKeyPair.fromSeed(HexFormat.of().parseHex(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        HexFormat.of().formatHex(pair.publicKey()));
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        HexFormat.of().formatHex(pair.sign(new byte[0])));
  }

  @Test
  void publicKeyTextIsZeroAndPaddedBase64() {
    ClientKeyPair pair = ClientKeyPair.fromSeed(TestKeys.seed(7));
    String text = pair.publicKeyText();
    assertEquals(45, text.length());
    assertTrue(text.startsWith("0") && text.endsWith("="), text);
    assertArrayEquals(pair.publicKey(), ClientKeyPair.parsePublicKeyText(text));
    assertFalse(pair.toString().contains(Base64.getEncoder().encodeToString(pair.seed())));
  }

  @Test
  void createdOnFirstUseWithTheExactMessageThenReused() throws IOException {
    ClientKeyFile file = new ClientKeyFile(keys());
    StringWriter err = new StringWriter();
    ClientKeyPair pair = file.loadOrCreate(new PrintWriter(err));
    assertEquals("No local key pair found, generated one (\"" + pair.publicKeyText() + "\") at location " + keys()
        + System.lineSeparator(), err.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys())));
    JsonObject json = new JsonObject(Files.readString(keys()));
    assertEquals(1, json.getInteger("version"));
    assertEquals(pair.publicKeyText(), json.getJsonArray("keys").getJsonObject(0).getString("publicKey"));
    assertEquals(32, Base64.getDecoder().decode(json.getJsonArray("keys").getJsonObject(0).getString("privateKey")).length);

    StringWriter again = new StringWriter();
    assertEquals(pair, new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(again)));
    assertEquals("", again.toString());
  }

  @Test
  void aDamagedFileIsAnErrorNamingItAndIsNeverReplaced() throws IOException {
    Files.createDirectories(keys().getParent());
    for (String content : new String[] {"not json", "{\"version\":2,\"keys\":[]}", "{\"version\":1}",
        "{\"version\":1,\"keys\":[{\"publicKey\":\"0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"privateKey\":\"" + Base64.getEncoder().encodeToString(TestKeys.seed(1)) + "\"}]}"}) {
      Files.writeString(keys(), content);
      Files.setPosixFilePermissions(keys(), PosixFilePermissions.fromString("rw-------"));
      CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
          () -> new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(new StringWriter())), content);
      assertEquals("ERR_IO", e.code());
      assertTrue(e.getMessage().startsWith("Key file " + keys() + " is damaged"), e.getMessage());
      assertEquals(content, Files.readString(keys()));
    }
  }

  @Test
  void listKeysPrintsTheDocumentedLayout() {
    ClientKeyPair pair = new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(new StringWriter()));
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "swarms", "listKeys");
    assertEquals(0, run.exitCode(), run.err());
    String n = System.lineSeparator();
    assertEquals("Local keystore location: " + keys() + n + n
        + "Available key pairs (identified by the respective public key):" + n
        + pair.publicKeyText() + n, run.out());
    assertEquals("", run.err());
  }

  @Test
  void listKeysWithoutAKeyFileCreatesNone() {
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "swarms", "listKeys");
    assertEquals(0, run.exitCode(), run.err());
    String n = System.lineSeparator();
    assertEquals("Local keystore location: " + keys() + n + n
        + "Available key pairs (identified by the respective public key):" + n, run.out());
    assertFalse(Files.exists(keys()));
  }

  @Test
  void listKeysAsJson() {
    ClientKeyPair pair = new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(new StringWriter()));
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "swarms", "listKeys", "--json");
    JsonObject result = new JsonObject(run.out()).getJsonObject("result");
    assertEquals(keys().toString(), result.getString("location"));
    assertEquals(List.of(pair.publicKeyText()), result.getJsonArray("keys").getList());
  }

  @Test
  void aKeyFileOthersMayReadOrWriteIsRefused() throws IOException {
    ClientKeyPair pair = new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(new StringWriter()));
    String content = Files.readString(keys());
    for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw-----w-", "r-----r--", "rw-r-----"}) {
      Files.setPosixFilePermissions(keys(), PosixFilePermissions.fromString(mode));
      CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
          () -> new ClientKeyFile(keys()).loadOrCreate(new PrintWriter(new StringWriter())), mode);
      assertEquals("ERR_IO", e.code());
      assertTrue(e.getMessage().startsWith("Permissions 0"), e.getMessage());
      assertEquals(content, Files.readString(keys()), "never replaced");
    }
    Files.setPosixFilePermissions(keys(), PosixFilePermissions.fromString("rw-r--r--"));
    CommandException e = org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
        () -> new ClientKeyFile(keys()).load());
    assertEquals("Permissions 0644 for '" + keys() + "' are too open: the key file must not be readable by others; "
        + "run chmod 600 " + keys(), e.getMessage());
    CliRun run = CliRun.inHome(home, ScriptedPrompt.noTerminal(), "swarms", "listKeys");
    assertTrue(run.err().contains("[ERR_IO] Error: Permissions 0644 for '" + keys() + "' are too open"), run.err());

    for (String mode : new String[] {"rw-------", "r--------", "rwx--x--x"}) {
      Files.setPosixFilePermissions(keys(), PosixFilePermissions.fromString(mode));
      assertEquals(pair, new ClientKeyFile(keys()).load().get(0), mode);
    }
  }
}
