package dev.axnode.kernel.cluster;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * The files of a node's cluster, in one directory ({@code <data-dir>/cluster} by default).
 *
 * <pre>
 *   ca.crt         the cluster CA certificate (PEM): the only trust anchor of the event bus
 *   ca.key         the CA's private key (PKCS#8 PEM), only where {@code cluster init} ran
 *   cluster-name   the Hazelcast cluster name, random per node, so two nodes never merge
 *   member.crt     this member's certificate (PEM), signed by the CA, SAN = its cluster host
 *   member.key     this member's private key (PKCS#8 PEM)
 * </pre>
 *
 * Keys and names are written 0600 in a 0700 directory, never over an existing file. A missing
 * file is {@code ERR_NODE_MISCONFIGURED}, an existing one {@code ERR_FILE_EXISTS}.
 */
public record ClusterFiles(Path dir) {

  /** The directory name under a node's data directory. */
  public static final String DEFAULT_DIR_NAME = "cluster";
  private static final Pattern CLUSTER_NAME = Pattern.compile("ax-[0-9a-f]{32}");

  public static ClusterFiles under(Path dataDir) {
    return new ClusterFiles(dataDir.resolve(DEFAULT_DIR_NAME));
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path clusterName() {
    return dir.resolve("cluster-name");
  }

  public Path memberCert() {
    return dir.resolve("member.crt");
  }

  public Path memberKey() {
    return dir.resolve("member.key");
  }

  /** Reads the cluster name, checking its form so a damaged file is named instead of forming a stray cluster. */
  public String readClusterName() throws IOException {
    String name = read(clusterName()).strip();
    if (!CLUSTER_NAME.matcher(name).matches()) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, clusterName() + " does not hold a cluster name made by cluster init");
    }
    return name;
  }

  /** Reads a file the operator must have made, with an error that says which command makes it. */
  public static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AxException(ErrorCode.NODE_MISCONFIGURED, file + " is missing: run `ax-node cluster init` (CA, cluster name) and "
          + "`ax-node cluster add-member` (member certificate) first");
    }
  }

  /** Creates the directory 0700 if needed. */
  public void createDir() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** Writes a new file 0600; refuses to replace an existing one. */
  public static void writeNew(Path file, String text) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw exists(file);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Refuses early when any of {@code files} exists, so a command writes all of its files or none. */
  public static void requireAbsent(Path... files) throws IOException {
    for (Path file : files) {
      if (Files.exists(file)) {
        throw exists(file);
      }
    }
  }

  private static AxException exists(Path file) {
    return new AxException(ErrorCode.FILE_EXISTS,
        file + " already exists; it is never overwritten (remove it first if you mean to)");
  }
}
