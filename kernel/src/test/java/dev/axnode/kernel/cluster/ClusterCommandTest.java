package dev.axnode.kernel.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cluster init} and {@code add-member} on real files, and the cluster flags' refusals. */
class ClusterCommandTest {

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ClusterCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void initAndAddMemberWriteACaSignedP256CertificateWithTheHostAsSan() throws Exception {
    Path keys = dir.resolve("keys");
    assertEquals(0, run("init", "--data-dir", keys.toString()).exit());
    Run added = run("add-member", "--data-dir", keys.toString(), "--name", "swarm", "--host", "10.1.2.3",
        "--out", dir.resolve("swarm/cluster").toString());
    assertEquals(0, added.exit(), added.err());

    ClusterFiles member = new ClusterFiles(dir.resolve("swarm/cluster"));
    X509Certificate cert = cert(member.memberCert());
    X509Certificate ca = cert(member.caCert());
    cert.verify(ca.getPublicKey());
    assertEquals("EC", cert.getPublicKey().getAlgorithm());
    assertEquals(List.of(7, "10.1.2.3"), List.copyOf(cert.getSubjectAlternativeNames().iterator().next()));
    assertTrue(Files.readString(member.memberKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals(new ClusterFiles(keys.resolve("cluster")).readClusterName(), member.readClusterName());
    for (Path file : List.of(member.memberKey(), member.memberCert(), member.caCert(), member.clusterName())) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(member.dir())));
    assertTrue(Files.notExists(member.caKey()), "the CA key stays where init ran");
  }

  @Test
  void existingFilesAreNeverOverwrittenAndAMissingCaIsNamed() {
    Path keys = dir.resolve("keys");
    assertEquals(0, run("init", "--data-dir", keys.toString()).exit());
    Run again = run("init", "--data-dir", keys.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().startsWith("[ERR_FILE_EXISTS] Error: "), again.err());
    assertEquals(0, run("add-member", "--data-dir", keys.toString(), "--name", "a", "--host", "127.0.0.1").exit());
    Run twice = run("add-member", "--data-dir", keys.toString(), "--name", "b", "--host", "127.0.0.1");
    assertTrue(twice.err().startsWith("[ERR_FILE_EXISTS] Error: "), twice.err());
    Run missing = run("add-member", "--data-dir", dir.resolve("none").toString(), "--name", "a", "--host", "h");
    assertTrue(missing.err().startsWith("[ERR_NODE_MISCONFIGURED] Error: ") && missing.err().contains("cluster init"),
        missing.err());
    Run wildcard = run("add-member", "--data-dir", keys.toString(), "--name", "c", "--host", "0.0.0.0",
        "--out", dir.resolve("c").toString());
    assertTrue(wildcard.err().startsWith("[ERR_INVALID_INPUT] Error: "), wildcard.err());
  }

  @Test
  void theClusterFlagsRefuseWhatCannotWork() {
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig(null, 5701, 0, List.of(), dir));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig("0.0.0.0", 5701, 0, List.of(), dir));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig("::", 5701, 0, List.of(), dir));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig("h", 5701, 0, List.of("nohost"), dir));
    assertThrows(IllegalArgumentException.class, () -> new ClusterConfig("h", 70000, 0, List.of(), dir));
    ClusterFlags flags = new ClusterFlags();
    new CommandLine(flags).parseArgs("--verticles", "keystore");
    assertThrows(IllegalArgumentException.class, () -> flags.config(dir), "--verticles needs --cluster");
  }

  private static X509Certificate cert(Path file) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readString(file).getBytes(StandardCharsets.US_ASCII)));
  }
}
