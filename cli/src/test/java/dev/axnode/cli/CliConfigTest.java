package dev.axnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliConfigTest {

  @Test
  void xdgConfigHome() {
    CliConfig config = CliConfig.resolve(Map.of("XDG_CONFIG_HOME", "/tmp/xdg"), "/home/dev");
    assertEquals(Path.of("/tmp/xdg/actyxos"), config.directory());
    assertEquals(Path.of("/tmp/xdg/actyxos/keys"), config.keysFile());
    assertEquals(Path.of("/tmp/xdg/actyxos/known_hosts"), config.knownHostsFile());
  }

  @Test
  void defaultsToDotConfigInHome() {
    assertEquals(Path.of("/home/dev/.config/actyxos"), CliConfig.resolve(Map.of(), "/home/dev").directory());
  }

  @Test
  void emptyOrRelativeXdgConfigHomeIsIgnored() {
    assertEquals(Path.of("/home/dev/.config/actyxos"),
        CliConfig.resolve(Map.of("XDG_CONFIG_HOME", ""), "/home/dev").directory());
    assertEquals(Path.of("/home/dev/.config/actyxos"),
        CliConfig.resolve(Map.of("XDG_CONFIG_HOME", "relative/dir"), "/home/dev").directory());
  }
}
