package dev.axnode.events.replication;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;

/**
 * A peer the test writes frame by frame, against a real session on {@code log}: what a
 * hostile or hand-driven node would send. {@link #next} waits for a frame of a type, skipping
 * others; {@link #ended} for the session ending its side.
 */
final class ScriptedPeer {

  final MemoryChannel channel;
  final MemoryChannel remote;
  final ReplicationSession session;
  private final FrameDecoder decoder = new FrameDecoder();
  private final ArrayDeque<ReplicationFrame> received = new ArrayDeque<>();
  private final Promise<String> end = Promise.promise();
  private Class<? extends ReplicationFrame> waitingFor;
  private Promise<ReplicationFrame> waiter;

  ScriptedPeer(Context context, ReplicationLog log, long window) {
    MemoryChannel[] pair = MemoryChannel.pair(context, window);
    channel = pair[0];
    remote = pair[1];
    channel.handler(data -> {
      decoder.feed(data);
      for (ReplicationFrame f = decoder.next(); f != null; f = decoder.next()) {
        received.add(f);
      }
      match();
    });
    channel.endHandler(error -> end.tryComplete(error == null ? null : error));
    session = new ReplicationSession(log, remote, "scripted-peer", error -> { });
    session.start();
  }

  void send(ReplicationFrame frame) {
    channel.write(FrameCodec.encode(frame));
  }

  @SuppressWarnings("unchecked")
  <T extends ReplicationFrame> Future<T> next(Class<T> type) {
    waitingFor = type;
    waiter = Promise.promise();
    Future<T> result = (Future<T>) waiter.future();
    match();
    return result;
  }

  /** The session's end of its side: null when clean, else the error. */
  Future<String> ended() {
    return end.future();
  }

  private void match() {
    while (waiter != null && !received.isEmpty()) {
      ReplicationFrame frame = received.poll();
      if (waitingFor.isInstance(frame)) {
        Promise<ReplicationFrame> w = waiter;
        waiter = null;
        w.complete(frame);
      }
    }
  }
}
