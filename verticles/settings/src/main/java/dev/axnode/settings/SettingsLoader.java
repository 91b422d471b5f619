package dev.axnode.settings;

import dev.axnode.kernel.AxException;
import dev.axnode.kernel.ErrorCode;
import dev.axnode.kernel.keys.SwarmKey;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.List;

/**
 * Reads the stored settings at start. A file that cannot be read, parsed or validated stops
 * the start and stays as it is, so nothing the user wrote is lost. A node without a swarm
 * key gets a freshly generated one, persisted at once. Blocking: use from a worker thread.
 */
final class SettingsLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);
  static final List<String> SWARM_KEY = List.of(SettingsModel.OS, "general", "swarmKey");

  private SettingsLoader() {
  }

  static JsonObject load(SettingsFile file, SettingsModel model, SecureRandom random) {
    JsonObject stored = file.read().orElseGet(SettingsModel::emptyTree);
    model.problem(stored).ifPresent(problem -> {
      throw new AxException(ErrorCode.SETTINGS_INVALID, "Settings file " + file.path() + " is invalid: " + problem
          + "; fix or remove it (it was left untouched)");
    });
    if (!stored.containsKey(SettingsModel.OS)) {
      stored.put(SettingsModel.OS, new JsonObject());
    }
    if (SettingsTree.find(stored, SWARM_KEY).isEmpty()) {
      stored = SettingsTree.set(stored, SWARM_KEY, SwarmKey.generate(random).toSettingValue());
      file.write(stored);
      LOG.info("No swarm key was set: generated one for a private swarm of this node and stored it in {}",
          file.path());
    }
    return stored;
  }
}
