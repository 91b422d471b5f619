package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.net.Multiaddr;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code <config>/known_hosts}: which node ID each secure address proved, learned on first
 * use as OpenSSH's {@code known_hosts} (hostfile.c). An immutable snapshot of the file.
 *
 * <pre>
 * # comments, blank lines and trailing comments are kept as they are
 * /dns4/localhost/tcp/4458 12D3KooWH4duqeY7Pj3or9j7aKnmaxz8WUYtVYnZUbACW21hGvBh  # my laptop
 * </pre>
 *
 * One entry per line: a multiaddr (a {@code /p2p/…} part and a trailing slash are ignored),
 * whitespace, the node ID, and optionally {@code #} and a comment. Addresses are compared in
 * their canonical form ({@link #canonical}), so {@code /ip4/127.0.0.1/tcp/4458/} and
 * {@code /ip4/127.0.0.1/tcp/4458} are one host. A line that does not parse is an error that
 * names the file and line: skipping it would turn a pinned host into an unknown one, which
 * an impostor could then get accepted as new.
 *
 * <p>Changes go through {@link #update}: under an exclusive lock on {@code known_hosts.lock},
 * read the file again, apply the change to what is there now, rewrite atomically (temporary
 * file, fsync, rename). Concurrent {@code ax} runs therefore never lose each other's entries,
 * and every line not changed stays as the user wrote it.
 */
final class KnownHosts {

  static final String LOCK_SUFFIX = ".lock";
  /** File locks belong to the whole process; threads of one process take turns on this first. */
  private static final Object PROCESS_LOCK = new Object();
  private static final int MAX_QUOTED_LINE = 100;

  /** One line of the file; {@code address} (canonical) and {@code nodeId} are null for comments and blank lines. */
  record Line(String text, String address, NodeId nodeId) {
    boolean isEntryFor(String canonicalHost) {
      return nodeId != null && address.equals(canonicalHost);
    }
  }

  private final List<Line> lines;

  private KnownHosts(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  /**
   * The one form addresses are compared in: parsed as a multiaddr and printed again, without
   * {@code /p2p/…} or a trailing slash, protocol and DNS names in lower case, IPv6 as RFC 5952
   * text. Throws IllegalArgumentException for anything that is not a TCP multiaddr.
   */
  static String canonical(String address) {
    String text = address.strip();
    while (text.length() > 1 && text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    Multiaddr parsed = Multiaddr.parse(text).withoutPeer();
    return switch (parsed.hostProtocol()) {
      case IP4 -> parsed.toString();
      case IP6 -> ip6(parsed).toString();
      default -> new Multiaddr(parsed.hostProtocol(), parsed.host().toLowerCase(Locale.ROOT), parsed.port(), null)
          .toString();
    };
  }

  private static Multiaddr ip6(Multiaddr parsed) {
    try {
      // An IPv6 literal (Multiaddr.parse checked its characters): no name lookup happens here.
      InetAddress ip = InetAddress.getByName(parsed.host());
      if (!(ip instanceof Inet6Address)) {
        throw new IllegalArgumentException("not an IPv6 address: " + parsed.host());
      }
      return Multiaddr.ofSocket(ip.getHostAddress(), parsed.port());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv6 address: " + parsed.host(), e);
    }
  }

  /** Parses the text of {@code file}; a line that does not parse is an ERR_NODE_AUTH naming the file and line. */
  static KnownHosts parse(String text, Path file) {
    List<Line> lines = new ArrayList<>();
    text.lines().forEach(line -> lines.add(parseLine(line, file, lines.size() + 1)));
    return new KnownHosts(lines);
  }

  private static Line parseLine(String text, Path file, int number) {
    int comment = text.indexOf('#'); // neither multiaddrs nor base58 node IDs contain '#'
    String content = (comment < 0 ? text : text.substring(0, comment)).strip();
    if (content.isEmpty()) {
      return new Line(text, null, null);
    }
    String[] fields = content.split("\\s+");
    if (fields.length != 2) {
      throw unparsable(file, number, text, "expected an address and a node ID, found " + fields.length + " fields");
    }
    try {
      return new Line(text, canonical(fields[0]), NodeId.parse(fields[1]));
    } catch (IllegalArgumentException e) {
      throw unparsable(file, number, text, e.getMessage());
    }
  }

  private static CommandException unparsable(Path file, int number, String text, String reason) {
    String quoted = text.strip();
    if (quoted.length() > MAX_QUOTED_LINE) {
      quoted = quoted.substring(0, MAX_QUOTED_LINE) + "…";
    }
    return new CommandException(ErrorCode.NODE_AUTH, file + ":" + number + ": cannot parse '" + quoted + "' ("
        + reason + "); fix or remove the line");
  }

  /** The file's content, or an empty snapshot when there is no file. */
  static KnownHosts load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    } catch (NoSuchFileException e) {
      return new KnownHosts(List.of());
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * Changes the file safely against other {@code ax} processes and threads: under an
   * exclusive lock, reads it again, applies {@code change} and rewrites it atomically unless
   * {@code change} returned its argument. Returns the snapshot now in the file.
   */
  static KnownHosts update(Path file, UnaryOperator<KnownHosts> change) {
    Path lockFile = file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
    synchronized (PROCESS_LOCK) {
      try {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(lockFile,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly(lockFile));
             FileLock lock = channel.lock()) {
          KnownHosts current = load(file);
          KnownHosts changed = change.apply(current);
          if (changed != current) {
            changed.save(file);
          }
          return changed;
        }
      } catch (IOException e) {
        throw new CommandException(ErrorCode.IO, "Cannot lock " + lockFile + ": " + e.getMessage());
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFile.OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  /** Replaces the file atomically with this snapshot (mode 0600); use {@link #update} to change it. */
  void save(Path file) {
    try {
      AtomicFile.write(file, render().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot write " + file + ": " + e.getMessage());
    }
  }

  String render() {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line.text()).append('\n'));
    return text.toString();
  }

  /** OK if any entry of {@code host} records {@code nodeId}, CHANGED if entries record others, else NEW. */
  HostStatus check(String host, NodeId nodeId) {
    String key = canonical(host);
    boolean known = false;
    for (Line line : lines) {
      if (line.isEntryFor(key)) {
        if (line.nodeId().equals(nodeId)) {
          return HostStatus.OK;
        }
        known = true;
      }
    }
    return known ? HostStatus.CHANGED : HostStatus.NEW;
  }

  /** The first recorded ID of {@code host} and its 1-based line number. */
  Optional<Recorded> recorded(String host) {
    String key = canonical(host);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isEntryFor(key)) {
        return Optional.of(new Recorded(lines.get(i).nodeId(), i + 1));
      }
    }
    return Optional.empty();
  }

  record Recorded(NodeId nodeId, int lineNumber) {
  }

  /** This snapshot with a new entry, in canonical form, at the end. */
  KnownHosts with(String host, NodeId nodeId) {
    String key = canonical(host);
    List<Line> more = new ArrayList<>(lines);
    more.add(new Line(key + " " + nodeId, key, nodeId));
    return new KnownHosts(more);
  }

  /** This snapshot without any entry of {@code host}; comments and other lines stay as they are. */
  KnownHosts without(String host) {
    String key = canonical(host);
    List<Line> fewer = new ArrayList<>(lines);
    fewer.removeIf(line -> line.isEntryFor(key));
    return new KnownHosts(fewer);
  }

  boolean contains(String host) {
    String key = canonical(host);
    return lines.stream().anyMatch(line -> line.isEntryFor(key));
  }
}
