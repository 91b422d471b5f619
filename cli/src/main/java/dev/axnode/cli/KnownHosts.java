package dev.axnode.cli;

import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.io.AtomicFile;
import dev.axnode.kernel.keys.NodeId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <config>/known_hosts}: which node ID each secure address proved, learned on first
 * use as OpenSSH's {@code known_hosts} (hostfile.c). An immutable snapshot of the file.
 *
 * <pre>
 * # comments and blank lines are kept as they are
 * /dns4/localhost/tcp/4458 12D3KooWH4duqeY7Pj3or9j7aKnmaxz8WUYtVYnZUbACW21hGvBh
 * </pre>
 *
 * One entry per line: the address as typed (without {@code /p2p/…}), whitespace, the node
 * ID. Lines that do not parse are kept verbatim and ignored, so an edit by hand never loses
 * anything. Changes rewrite the whole file atomically (temporary file, fsync, rename).
 */
final class KnownHosts {

  /** One line of the file; {@code nodeId} is null for comments, blank and unparsable lines. */
  record Line(String text, String address, NodeId nodeId) {
    boolean isEntryFor(String host) {
      return nodeId != null && address.equals(host);
    }
  }

  private final List<Line> lines;

  private KnownHosts(List<Line> lines) {
    this.lines = List.copyOf(lines);
  }

  static KnownHosts parse(String text) {
    List<Line> lines = new ArrayList<>();
    text.lines().forEach(line -> lines.add(parseLine(line)));
    return new KnownHosts(lines);
  }

  private static Line parseLine(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return new Line(text, null, null);
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length != 2) {
      return new Line(text, null, null);
    }
    try {
      return new Line(text, fields[0], NodeId.parse(fields[1]));
    } catch (IllegalArgumentException e) {
      return new Line(text, null, null);
    }
  }

  /** The file's content, or an empty snapshot when there is no file. */
  static KnownHosts load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new KnownHosts(List.of());
    } catch (IOException e) {
      throw new CommandException(ErrorCode.IO, "Cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Replaces the file atomically with this snapshot (mode 0600). */
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
    boolean known = false;
    for (Line line : lines) {
      if (line.isEntryFor(host)) {
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
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isEntryFor(host)) {
        return Optional.of(new Recorded(lines.get(i).nodeId(), i + 1));
      }
    }
    return Optional.empty();
  }

  record Recorded(NodeId nodeId, int lineNumber) {
  }

  /** This snapshot with a new entry at the end. */
  KnownHosts with(String host, NodeId nodeId) {
    if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a known-hosts address has no whitespace: '" + host + "'");
    }
    List<Line> more = new ArrayList<>(lines);
    more.add(new Line(host + " " + nodeId, host, nodeId));
    return new KnownHosts(more);
  }

  /** This snapshot without any entry of {@code host}; comments and other lines stay. */
  KnownHosts without(String host) {
    List<Line> fewer = new ArrayList<>(lines);
    fewer.removeIf(line -> line.isEntryFor(host));
    return new KnownHosts(fewer);
  }

  boolean contains(String host) {
    return lines.stream().anyMatch(line -> line.isEntryFor(host));
  }
}
