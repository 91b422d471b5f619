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
  static final Path FILE = Path.of("/home/u/.config/actyxos/known_hosts");

  @TempDir
  Path dir;

  private static KnownHosts parse(String text) {
    return KnownHosts.parse(text, FILE);
  }

  @Test
  void okNewChanged() {
    KnownHosts known = parse(HOST + " " + A + "\n");
    assertEquals(HostStatus.OK, known.check(HOST, A));
    assertEquals(HostStatus.CHANGED, known.check(HOST, B));
    assertEquals(HostStatus.NEW, known.check("/ip4/127.0.0.1/tcp/4458", A), "names are not resolved");
  }

  @Test
  void anyMatchingEntryIsOk() {
    KnownHosts known = parse(HOST + " " + B + "\n" + HOST + " " + A + "\n");
    assertEquals(HostStatus.OK, known.check(HOST, A));
    assertEquals(new KnownHosts.Recorded(B, 1), known.recorded(HOST).orElseThrow());
  }

  @Test
  void commentsBlankLinesAndTrailingCommentsAreUnderstoodAndKept() {
    String text = "# my nodes\n\n" + HOST + " " + A + " # my node\n  /ip4/10.0.0.5/tcp/4458  " + B + "  \n"
        + "\t# indented comment\n/ip4/10.0.0.6/tcp/4458 " + B + "#no space before the comment\n";
    KnownHosts known = parse(text);
    assertEquals(text, known.render(), "every line as the user wrote it");
    assertEquals(HostStatus.OK, known.check(HOST, A), "a trailing comment does not hide the entry");
    assertEquals(HostStatus.CHANGED, known.check(HOST, B), "so an impostor is refused, not asked about");
    assertEquals(HostStatus.OK, known.check("/ip4/10.0.0.5/tcp/4458", B), "whitespace around fields is allowed");
    assertEquals(HostStatus.OK, known.check("/ip4/10.0.0.6/tcp/4458", B));
    assertEquals(text + "/ip4/1.2.3.4/tcp/1 " + B + "\n", known.with("/ip4/1.2.3.4/tcp/1", B).render());
    assertEquals("# my nodes\n\n  /ip4/10.0.0.5/tcp/4458  " + B + "  \n\t# indented comment\n/ip4/10.0.0.6/tcp/4458 "
        + B + "#no space before the comment\n", known.without(HOST).render());
  }

  @Test
  void anUnparsableLineIsAnErrorNamingTheFileAndLine() {
    String good = "# fine\n" + HOST + " " + A + "\n";
    String[][] cases = {
        {"nonsense", "expected an address and a node ID, found 1 fields"},
        {"/ip4/10.0.0.5/tcp/4458", "expected an address and a node ID, found 1 fields"},
        {HOST + " " + A + " extra", "expected an address and a node ID, found 3 fields"},
        {"/x/y/tcp/1 " + A, "unsupported protocol /x in /x/y/tcp/1"},
        {"/ip4/10.0.0.5/tcp/99999 " + A, "not a TCP port: 99999 in /ip4/10.0.0.5/tcp/99999"},
        {HOST + " notanid", null},
        {HOST + " " + A.toString().substring(1), null}};
    for (String[] c : cases) {
      CommandException e = assertThrows(CommandException.class, () -> parse(good + c[0] + "  # why\n"), c[0]);
      assertEquals("ERR_NODE_AUTH", e.code());
      String start = FILE + ":3: cannot parse '" + c[0] + "  # why' (";
      assertTrue(e.getMessage().startsWith(start), e.getMessage());
      assertTrue(e.getMessage().endsWith("); fix or remove the line"), e.getMessage());
      if (c[1] != null) {
        assertEquals(start + c[1] + "); fix or remove the line", e.getMessage());
      }
    }
  }

  @Test
  void aVeryLongBadLineIsQuotedShort() {
    CommandException e = assertThrows(CommandException.class, () -> parse("x".repeat(5000) + "\n"));
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }

  @Test
  void addressesAreComparedInCanonicalForm() {
    KnownHosts known = parse("/ip4/127.0.0.1/tcp/4458/ " + A + "\n"
        + "/IP6/0:0:0:0:0:0:0:1/tcp/4458 " + A + "\n"
        + "/dns4/Node.Example/tcp/4458/p2p/" + A + " " + A + "\n");
    assertEquals(HostStatus.OK, known.check("/ip4/127.0.0.1/tcp/4458", A), "a trailing slash is the same host");
    assertEquals(HostStatus.CHANGED, known.check("/ip4/127.0.0.1/tcp/4458", B));
    assertEquals(HostStatus.CHANGED, known.check("/ip6/::1/tcp/4458", B), "IPv6 as RFC 5952 text");
    assertEquals(HostStatus.CHANGED, known.check("/dns4/node.example/tcp/4458/p2p/" + B, B),
        "DNS names ignore case, /p2p/ is not part of the address");
    assertEquals(HostStatus.NEW, known.check("/ip4/127.0.0.1/tcp/4459", A));
    assertEquals("/ip4/127.0.0.1/tcp/4458", KnownHosts.canonical(" /ip4/127.0.0.1/tcp/4458/ "));
    assertEquals("/ip6/::1/tcp/4458", KnownHosts.canonical("/ip6/0000::0001/tcp/4458//"));
    assertEquals("/dns/a.b/tcp/1", KnownHosts.canonical("/DNS/A.B/tcp/1/p2p/" + A));
    assertFalse(known.without("/ip4/127.0.0.1/tcp/4458").contains("/ip4/127.0.0.1/tcp/4458/"));
  }

  @Test
  void newEntriesAreWrittenInCanonicalForm() {
    assertEquals("/ip4/10.0.0.5/tcp/4458 " + A + "\n", parse("").with("/ip4/10.0.0.5/tcp/4458/", A).render());
  }

  @Test
  void withoutRemovesEveryEntryOfTheAddressOnly() {
    String other = "/ip4/10.0.0.5/tcp/4458";
    KnownHosts known = parse(HOST + " " + A + "\n" + other + " " + A + "\n" + HOST + "/ " + B + "\n");
    KnownHosts fewer = known.without(HOST);
    assertFalse(fewer.contains(HOST));
    assertTrue(fewer.contains(other));
    assertEquals(other + " " + A + "\n", fewer.render());
  }

  @Test
  void missingFileIsEmpty() {
    KnownHosts known = KnownHosts.load(dir.resolve("none"));
    assertEquals("", known.render());
    assertEquals(HostStatus.NEW, known.check(HOST, A));
  }

  @Test
  void loadNamesTheFileOfABadLine() throws IOException {
    Path file = Files.writeString(dir.resolve("known_hosts"), "\n\nbad line here\n");
    CommandException e = assertThrows(CommandException.class, () -> KnownHosts.load(file));
    assertTrue(e.getMessage().startsWith(file + ":3: cannot parse 'bad line here'"), e.getMessage());
  }

  @Test
  void updateRewritesAtomicallyReadableByTheOwnerOnly() throws IOException {
    Path file = dir.resolve("actyxos/known_hosts");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# keep me\n");
    KnownHosts.update(file, known -> known.with(HOST, A));
    assertEquals("# keep me\n" + HOST + " " + A + "\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    KnownHosts.update(file, known -> known.without(HOST));
    assertEquals("# keep me\n", Files.readString(file));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(List.of(file, file.resolveSibling("known_hosts.lock")), files.sorted().toList(),
          "no temporary file is left behind; the lock file stays, so every process locks the same file");
    }
  }

  @Test
  void anUnchangedSnapshotIsNotWritten() throws IOException {
    Path file = dir.resolve("known_hosts");
    KnownHosts.update(file, known -> known);
    assertFalse(Files.exists(file));
  }
}
