package dev.axnode.securechannel.protocols;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.yamux.YamuxSession;
import dev.axnode.yamux.YamuxStream;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * identify ({@code /ipfs/id/1.0.0}): the responder writes one length-prefixed message and
 * closes its side; the requester reads to FIN, decodes, and checks that the public key is
 * the one the secure channel authenticated.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/identify/README.md
 */
public final class Identify {

  public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";

  private Identify() {
  }

  /**
   * A handler that answers with {@code message.get()}, built per stream so it can carry the
   * connection's observed address and the current listen addresses.
   */
  public static StreamHandler responder(Supplier<IdentifyMessage> message) {
    Objects.requireNonNull(message, "message");
    return (stream, leftover) -> new Responder(stream).start(leftover, message.get());
  }

  /** Opens {@code /ipfs/id/1.0.0} on {@code session} and requests the peer's message. */
  public static CompletableFuture<IdentifyMessage> request(StreamProtocols protocols, YamuxSession session,
      NodeId remote) {
    return protocols.open(session, PROTOCOL_ID).thenCompose(opened -> request(opened, remote));
  }

  /**
   * Reads the peer's message on a negotiated stream (taking ownership of it and its
   * leftover). Fails with an {@link IdentifyException} if the bytes are malformed, exceed
   * {@link IdentifyCodec#MAX_STREAM_BYTES}, or carry a public key other than {@code remote}'s.
   */
  public static CompletableFuture<IdentifyMessage> request(NegotiatedStream opened, NodeId remote) {
    Requester requester = new Requester(opened.stream(), IdentifyMessage.encodePublicKey(remote));
    opened.stream().closeWrite();
    requester.start(opened.leftover());
    return requester.result;
  }

  private static final class Responder extends ProtocolStream {
    Responder(YamuxStream stream) {
      super(stream);
    }

    void start(ByteBuf leftover, IdentifyMessage message) {
      ByteBuf framed;
      try {
        framed = IdentifyCodec.encodeFramed(message);
      } catch (RuntimeException e) {
        leftover.release();
        stream.reset();
        throw e;
      }
      stream.write(framed);
      stream.closeWrite();
      start(leftover);
    }

    @Override
    protected void onBytes(ByteBuf in) {
      // The requester has nothing to say; whatever it sends is dropped.
    }

    @Override
    protected void onEnd() {
      finish();
    }

    @Override
    protected void onFailure(StreamProtocolException error) {
      // Nothing waits for the responder; the stream is already reset.
    }

    @Override
    protected StreamProtocolException error(String message, Throwable cause) {
      return new IdentifyException(message, cause);
    }
  }

  private static final class Requester extends ProtocolStream {
    final CompletableFuture<IdentifyMessage> result = new CompletableFuture<>();
    private final byte[] expectedKey;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Requester(YamuxStream stream, byte[] expectedKey) {
      super(stream);
      this.expectedKey = expectedKey;
    }

    @Override
    protected void onBytes(ByteBuf in) {
      if (received.size() + in.readableBytes() > IdentifyCodec.MAX_STREAM_BYTES) {
        throw new IdentifyException("responder sent more than " + IdentifyCodec.MAX_STREAM_BYTES + " bytes");
      }
      byte[] chunk = new byte[in.readableBytes()];
      in.readBytes(chunk);
      received.writeBytes(chunk);
    }

    @Override
    protected void onEnd() {
      IdentifyMessage message = IdentifyCodec.decodeStream(received.toByteArray());
      byte[] key = message.publicKey();
      if (key == null) {
        throw new IdentifyException("message carries no publicKey");
      }
      if (!MessageDigest.isEqual(key, expectedKey)) {
        throw new IdentifyException("publicKey does not match the remote peer's id");
      }
      finish();
      result.complete(message);
    }

    @Override
    protected void onFailure(StreamProtocolException error) {
      result.completeExceptionally(error);
    }

    @Override
    protected StreamProtocolException error(String message, Throwable cause) {
      return new IdentifyException(message, cause);
    }
  }
}
