package dev.axnode.kernel.boot;

import dev.axnode.kernel.AxVersion;
import picocli.CommandLine.IVersionProvider;

/** The version picocli prints for {@code --version}. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"ax-node " + AxVersion.version()};
  }
}
