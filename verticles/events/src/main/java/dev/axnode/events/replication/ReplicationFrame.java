package dev.axnode.events.replication;

import dev.axnode.events.model.EventBlock;
import dev.axnode.events.model.OffsetMap;

import java.util.Objects;

/**
 * The frames of {@code /ax/events/1.0.0}, immutable values; {@link FrameCodec} reads and writes
 * them. Offsets in DONE and HAVE are "next" values (highest held + 1, 0 = nothing), so they are
 * never negative on the wire.
 */
public sealed interface ReplicationFrame {

  FrameType type();

  /** First frame each way: protocol version, topic and what the sender holds. */
  record Hello(int version, String topic, OffsetMap present) implements ReplicationFrame {
    public Hello {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(present, "present");
    }

    @Override
    public FrameType type() {
      return FrameType.HELLO;
    }
  }

  /** "Send me whole blocks of {@code source} from offset {@code from} on, at most {@code maxEvents} events." */
  record Want(String source, long from, int maxEvents) implements ReplicationFrame {
    @Override
    public FrameType type() {
      return FrameType.WANT;
    }
  }

  /** One signed block. */
  record Block(EventBlock block) implements ReplicationFrame {
    @Override
    public FrameType type() {
      return FrameType.BLOCK;
    }
  }

  /** Ends the answer to a WANT: the sender holds {@code source} up to {@code next} - 1. */
  record Done(String source, long next) implements ReplicationFrame {
    @Override
    public FrameType type() {
      return FrameType.DONE;
    }
  }

  /** Unasked: the sender now holds {@code source} up to {@code next} - 1 (pull if you miss some). */
  record Have(String source, long next) implements ReplicationFrame {
    @Override
    public FrameType type() {
      return FrameType.HAVE;
    }
  }

  /** Why the sender ends the stream, sent just before an error end ({@code code}: an ErrorCode number). */
  record Error(int code, String message) implements ReplicationFrame {
    @Override
    public FrameType type() {
      return FrameType.ERROR;
    }
  }
}
