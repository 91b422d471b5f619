package dev.axnode.kernel.cluster;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code ax-node cluster init|add-member}: the offline commands that make a node's cluster CA,
 * its cluster name and the member certificates (see {@link ClusterFiles} for the files).
 * They run before any node does, on the main thread; no event loop exists to block.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Makes the cluster CA and member certificates for running one node across JVMs (--cluster).",
    subcommands = {ClusterCommand.Init.class, ClusterCommand.AddMember.class})
public final class ClusterCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Runs {@code body}, printing a refusal as {@code [ERR_…] Error: message} on stderr. */
  static int run(CommandSpec spec, ThrowingBody body) {
    try {
      body.run(spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (AxException e) {
      return fail(spec, e.code(), e.getMessage());
    } catch (IOException e) {
      return fail(spec, ErrorCode.IO, e.getMessage());
    } catch (GeneralSecurityException e) {
      return fail(spec, ErrorCode.INTERNAL_ERROR, e.getMessage());
    }
  }

  private static int fail(CommandSpec spec, ErrorCode code, String message) {
    spec.commandLine().getErr().println("[" + code.wireName() + "] Error: " + message);
    spec.commandLine().getErr().flush();
    return 1;
  }

  interface ThrowingBody {
    void run(PrintWriter out) throws IOException, GeneralSecurityException;
  }

  /** {@code cluster init --data-dir DIR}: the CA and the cluster name, once per node. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Makes the node's cluster CA (ECDSA P-256) and its random cluster name in DIR/cluster.")
  static final class Init implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The node's data directory.")
    Path dataDir;

    @Override
    public Integer call() {
      return run(spec, out -> {
        ClusterFiles files = ClusterFiles.under(dataDir);
        ClusterFiles.requireAbsent(files.caCert(), files.caKey(), files.clusterName());
        files.createDir();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String name = "ax-" + HexFormat.of().formatHex(random);
        ClusterCa ca = ClusterCa.create(name);
        ClusterFiles.writeNew(files.caKey(), ca.keyPem());
        ClusterFiles.writeNew(files.caCert(), ca.certPem());
        ClusterFiles.writeNew(files.clusterName(), name + "\n");
        out.println("Cluster " + name + ": CA in " + files.caCert() + " (key " + files.caKey() + ")");
      });
    }
  }

  /** {@code cluster add-member}: a member certificate signed by the CA, SAN = the member's cluster host. */
  @Command(name = "add-member", mixinStandardHelpOptions = true,
      description = "Issues a member certificate and key signed by the cluster CA of DIR, with the CA "
          + "certificate and cluster name, into OUT (default DIR/cluster).")
  static final class AddMember implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", required = true, description = "The data directory of `cluster init`.")
    Path dataDir;

    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The member's name (its certificate's CN).")
    String name;

    @Option(names = "--host", paramLabel = "HOST", required = true,
        description = "The member's --cluster-host (IP address or DNS name): its certificate's SAN.")
    String host;

    @Option(names = "--out", paramLabel = "DIR2",
        description = "The member's cluster directory (its DATA/cluster, or --cluster-dir); default DIR/cluster.")
    Path out;

    @Override
    public Integer call() {
      return run(spec, printer -> {
        if (!NAME.matcher(name).matches()) {
          throw new AxException(ErrorCode.INVALID_INPUT, "--name must be letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        if (!HOST.matcher(host).matches() || ClusterConfig.isWildcard(host)) {
          throw new AxException(ErrorCode.INVALID_INPUT,
              "--host must be the member's own IP address or DNS name (no wildcard), not '" + host + "'");
        }
        ClusterFiles ca = ClusterFiles.under(dataDir);
        ClusterCa authority = ClusterCa.load(ClusterFiles.read(ca.caCert()), ClusterFiles.read(ca.caKey()));
        String clusterName = ca.readClusterName();
        ClusterFiles target = new ClusterFiles(out != null ? out : ca.dir());
        boolean sameDir = Files.exists(target.caCert()) && target.dir().toRealPath().equals(ca.dir().toRealPath());
        ClusterFiles.requireAbsent(target.memberCert(), target.memberKey());
        if (!sameDir) {
          ClusterFiles.requireAbsent(target.caCert(), target.clusterName());
        }
        ClusterCa.Member member = authority.issue(name, host);
        target.createDir();
        ClusterFiles.writeNew(target.memberKey(), member.keyPem());
        ClusterFiles.writeNew(target.memberCert(), member.certPem());
        if (!sameDir) {
          ClusterFiles.writeNew(target.caCert(), authority.certPem());
          ClusterFiles.writeNew(target.clusterName(), clusterName + "\n");
        }
        printer.println("Member " + name + " (" + host + ") of cluster " + clusterName + ": " + target.memberCert());
      });
    }
  }
}
