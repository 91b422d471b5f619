package dev.axnode.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/ax-node.service}: systemd accepts the unit, and a node started as systemd
 * starts it (with {@code $CREDENTIALS_DIRECTORY} holding {@code keystore-passphrase}) creates
 * and unlocks its keystore with that credential.
 */
class SystemdServiceIT {

  private static final Path UNIT = Path.of(System.getProperty("ax.verticles.dir", "../verticles"))
      .resolveSibling("deploy").resolve("ax-node.service");
  /** What the environment of {@code mvn verify} might set and would unlock the keystore before the credential. */
  private static final List<String> EARLIER_SOURCES = List.of("AX_KEYSTORE_PASSPHRASE", "AX_KEYSTORE_PASSPHRASE_FILE");

  @Test
  void systemdAnalyzeVerifiesTheUnit(@TempDir Path dir) throws Exception {
    String analyze = executable("systemd-analyze");
    assumeTrue(analyze != null, "systemd-analyze is not installed: the unit is not verified here");
    String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
    for (String directive : List.of("DynamicUser=yes", "StateDirectory=ax-node", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "Restart=on-failure", "CapabilityBoundingSet=\n",
        "LoadCredentialEncrypted=keystore-passphrase:/etc/ax-node/keystore-passphrase.cred")) {
      assertTrue(unit.contains(directive), "the unit has " + directive.strip());
    }
    // verify checks that ExecStart's binary exists: point it at this test's java and jar.
    Path copy = dir.resolve("ax-node.service");
    Files.writeString(copy, unit.replace("/usr/bin/java", TestJars.java())
        .replace("/opt/ax-node/ax-node.jar", TestJars.nodeJar().toString()), StandardCharsets.UTF_8);
    Process verify = new ProcessBuilder(analyze, "verify", copy.toString()).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze finished");
    assertEquals(0, verify.exitValue(), output);
    assertEquals("", output, "no warnings");
  }

  @Test
  void theNodeUnlocksItsKeystoreWithTheSystemdCredential(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path credentials = credentials(dir.resolve("credentials"), "correct horse battery staple\n");
    String nodeId;
    try (NodeProcess node = start(data, credentials)) {
      node.awaitReady();
      nodeId = node.nodeId();
      assertTrue(node.logText().contains("systemd credential keystore-passphrase"), node.logText());
      assertTrue(!node.logText().contains("correct horse"), "the passphrase is never logged");
    }
    assertTrue(Files.notExists(data.resolve("keystore.secret")), "no machine-local secret beside the keystore");

    Path wrong = credentials(dir.resolve("wrong"), "Tr0ub4dor&3\n");
    try (NodeProcess node = start(data, wrong)) {
      assertNotEquals(0, node.waitForExit(60), "a wrong credential stops the node");
      Eventually.await("the keystore error in the log", Duration.ofSeconds(10),
          () -> node.logText().contains("wrong passphrase or secret"));
      assertTrue(node.logText().contains(data.resolve("keystore").toString()), node.logText());
    }

    try (NodeProcess node = start(data, credentials)) {
      node.awaitReady();
      assertEquals(nodeId, node.nodeId(), "the same keystore, so the same node ID");
    }
  }

  private static NodeProcess start(Path data, Path credentials) throws Exception {
    Map<String, String> environment = new HashMap<>();
    EARLIER_SOURCES.forEach(name -> environment.put(name, null));
    environment.put("CREDENTIALS_DIRECTORY", credentials.toString());
    return NodeProcess.launchWithEnvironment(data, environment);
  }

  /** A directory as systemd makes it: the credential file readable by its owner only. */
  private static Path credentials(Path dir, String passphrase) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("keystore-passphrase");
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, passphrase, StandardCharsets.UTF_8);
    return dir;
  }

  private static String executable(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }
}
