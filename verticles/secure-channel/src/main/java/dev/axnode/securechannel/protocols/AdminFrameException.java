package dev.axnode.securechannel.protocols;

/**
 * A frame of the admin API ({@code /ax/admin/1.0.0}) that breaks the framing: too long, not a
 * JSON object, or cut off by the end of the stream. The node sends the message to the client
 * before it resets the stream, so the text is part of what a client sees.
 */
public final class AdminFrameException extends StreamProtocolException {

  private static final long serialVersionUID = 1L;

  public AdminFrameException(String message) {
    super("admin frame: ", message, null);
  }
}
