/**
 * Application protocols on yamux streams: multistream-select routing ({@link
 * dev.axnode.securechannel.protocols.StreamProtocols}), identify ({@code /ipfs/id/1.0.0}), ping
 * ({@code /ipfs/ping/1.0.0}) and perf ({@code /perf/1.0.0}); and the frames of the admin API
 * ({@link dev.axnode.securechannel.protocols.AdminFrameCodec}), which the node and the CLI share.
 *
 * <p><b>Threading:</b> like yamux, everything here is confined to the session's thread (one
 * Vert.x context). Futures complete on that thread; nothing locks.
 *
 * <p><b>Buffers:</b> a protocol releases every buffer its stream hands it and returns window
 * credit after processing; leftover bytes from negotiation belong to whoever receives them.
 *
 * <p><b>Failures:</b> {@link dev.axnode.securechannel.protocols.StreamProtocolException} and its
 * subclasses, prefixed {@code identify: }, {@code ping: }, {@code perf: }, {@code admin frame: }
 * or {@code multistream: }. A failure resets its stream only; the session goes on.
 */
package dev.axnode.securechannel.protocols;
