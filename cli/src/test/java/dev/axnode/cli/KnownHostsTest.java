package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

  static final NodeId A = TestKeys.nodeId(1);
  static final NodeId B = TestKeys.nodeId(2);
  static final String HOST = "/dns4/localhost/tcp/4458";

  @TempDir
  Path dir;

  @Test
  void okNewChanged() {
    KnownHosts known = KnownHosts.parse(HOST + " " + A + "\n");
    assertEquals(HostStatus.OK, known.check(HOST, A));
    assertEquals(HostStatus.CHANGED, known.check(HOST, B));
    assertEquals(HostStatus.NEW, known.check("/ip4/127.0.0.1/tcp/4458", A), "addresses are compared as typed");
  }

  @Test
  void anyMatchingEntryIsOk() {
    KnownHosts known = KnownHosts.parse(HOST + " " + B + "\n" + HOST + " " + A + "\n");
    assertEquals(HostStatus.OK, known.check(HOST, A));
    assertEquals(new KnownHosts.Recorded(B, 1), known.recorded(HOST).orElseThrow());
  }

  @Test
  void commentsBlankAndUnparsableLinesAreKeptAndIgnored() {
    String text = "# my nodes\n\n" + HOST + " " + A + "\n  indented  " + B + "  \nnonsense\n/x/y notanid\n"
        + "/a b c\n";
    KnownHosts known = KnownHosts.parse(text);
    assertEquals(text, known.render());
    assertEquals(HostStatus.OK, known.check("indented", B), "whitespace around fields is allowed");
    assertEquals(HostStatus.NEW, known.check("/x/y", A));
    assertEquals(text + "/ip4/1.2.3.4/tcp/1 " + B + "\n", known.with("/ip4/1.2.3.4/tcp/1", B).render());
    assertEquals("# my nodes\n\n  indented  " + B + "  \nnonsense\n/x/y notanid\n/a b c\n",
        known.without(HOST).render());
  }

  @Test
  void withoutRemovesEveryEntryOfTheAddressOnly() {
    KnownHosts known = KnownHosts.parse(HOST + " " + A + "\n/other " + A + "\n" + HOST + " " + B + "\n");
    KnownHosts fewer = known.without(HOST);
    assertFalse(fewer.contains(HOST));
    assertTrue(fewer.contains("/other"));
    assertEquals("/other " + A + "\n", fewer.render());
  }

  @Test
  void anAddressWithWhitespaceCannotBeRecorded() {
    assertThrows(IllegalArgumentException.class, () -> KnownHosts.parse("").with("/a b", A));
  }

  @Test
  void missingFileIsEmpty() {
    KnownHosts known = KnownHosts.load(dir.resolve("none"));
    assertEquals("", known.render());
    assertEquals(HostStatus.NEW, known.check(HOST, A));
  }

  @Test
  void saveReplacesTheFileAtomicallyReadableByTheOwnerOnly() throws IOException {
    Path file = dir.resolve("actyxos/known_hosts");
    KnownHosts.parse("# keep me\n").with(HOST, A).save(file);
    assertEquals("# keep me\n" + HOST + " " + A + "\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    KnownHosts.load(file).without(HOST).save(file);
    assertEquals("# keep me\n", Files.readString(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }
}
