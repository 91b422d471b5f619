package dev.axnode.handshake;

import dev.axnode.kernel.message.JsonValue;
import dev.axnode.kernel.message.SwarmProgressRequest;
import dev.axnode.securechannel.protocols.PerfProgress;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The perf and setups runs in progress that a client named with a run id, so that it can ask
 * how far they have got while its request waits ({@code ax swarms perf} draws a progress
 * line from it). Only what the run itself counts is reported, never an estimate. Used on the
 * verticle's context only.
 */
final class RunProgress {

  /** More named runs than this at once would be a client flooding the map: later ones go unnamed. */
  static final int MAX_RUNS = 64;

  private final Map<String, Supplier<JsonObject>> runs = new HashMap<>();

  /** Tracks a perf run; {@code runId} null or over the limits tracks nothing. Returns what {@link #end} takes. */
  String perf(String runId, long uploadBytes, long downloadBytes, PerfProgress progress) {
    long started = System.nanoTime();
    return track(runId, () -> new JsonObject().put("kind", "perf").put("elapsedSeconds", since(started))
        .put("uploadBytes", uploadBytes).put("uploadedBytes", progress.uploaded())
        .put("downloadBytes", downloadBytes).put("downloadedBytes", progress.downloaded()));
  }

  /** Tracks a setups run; as {@link #perf}. */
  String setups(String runId, SetupBenchmark<?> benchmark) {
    return track(runId, benchmark::progress);
  }

  void end(String runId) {
    if (runId != null) {
      runs.remove(runId);
    }
  }

  /** Answers a {@link SwarmProgressRequest}: the run's figures, or null when no such run is in progress. */
  void answer(Message<SwarmProgressRequest> message) {
    Supplier<JsonObject> run = runs.get(message.body().runId());
    message.reply(new JsonValue(run == null ? null : run.get()));
  }

  private String track(String runId, Supplier<JsonObject> figures) {
    if (runId == null || runId.length() > SwarmProgressRequest.MAX_RUN_ID_LENGTH || runs.size() >= MAX_RUNS
        || runs.containsKey(runId)) {
      return null;
    }
    runs.put(runId, figures);
    return runId;
  }

  private static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
