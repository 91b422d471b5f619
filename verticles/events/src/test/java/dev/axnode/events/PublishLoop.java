package dev.axnode.events;


import java.nio.file.Path;

/**
 * The child JVM of {@link CrashTest}: a node core on the given data directory that publishes
 * batches in a loop and prints {@code ACK <offset>} (the last offset of each acknowledged
 * batch) on stdout, until it is killed.
 */
public final class PublishLoop {

  private PublishLoop() {
  }

  public static void main(String[] args) throws Exception {
    TestEvents node = new TestEvents(Path.of(args[0]));
    System.out.println("READY " + node.nodeId);
    System.out.flush();
    // Payload "i" = the offset it gets, so the parent can check every event sits where it was published.
    int start = (int) (node.offsets().getJsonObject("present").getLong(node.nodeId, -1L) + 1);
    for (int i = start; ; i += 10) {
      var data = node.publish("crash", "loop", i, 10).getJsonArray("data");
      System.out.println("ACK " + data.getJsonObject(data.size() - 1).getLong("offset"));
      System.out.flush();
    }
  }
}
