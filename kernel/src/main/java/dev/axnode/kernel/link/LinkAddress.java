package dev.axnode.kernel.link;

import dev.axnode.kernel.Addresses;

/**
 * The two event-bus addresses of one link: where its chunks go and where its credit comes
 * back. Built from {@link Addresses#link}, so every address still comes from one place.
 */
public record LinkAddress(String data, String credit) {

  /** The link into {@code stage} of connection {@code connectionId}, travelling {@code direction}. */
  public static LinkAddress of(String connectionId, String stage, Direction direction) {
    String data = Addresses.link(connectionId, stage, direction.name().toLowerCase(java.util.Locale.ROOT));
    return new LinkAddress(data, data + ".credit");
  }

  /** UP carries bytes from the network towards the application, DOWN the other way. */
  public enum Direction { UP, DOWN }
}
