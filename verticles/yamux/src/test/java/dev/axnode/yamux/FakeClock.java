package dev.axnode.yamux;

import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to. */
final class FakeClock implements LongSupplier {

  private long now = 1_000_000_000L;

  @Override
  public long getAsLong() {
    return now;
  }

  void advanceMillis(long millis) {
    now += millis * 1_000_000L;
  }

  void advanceMicros(long micros) {
    now += micros * 1_000L;
  }
}
