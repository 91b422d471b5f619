/**
 * Sans-IO yamux (/yamux/1.0.0, https://github.com/hashicorp/yamux/blob/master/spec.md) as
 * libp2p uses it: bytes in through {@link dev.axnode.yamux.YamuxSession#receive}, encoded
 * frames out through a {@link dev.axnode.yamux.FrameSink}, no sockets, timers or threads.
 *
 * <p><b>Threading.</b> A session and its streams are confined to one thread (one Vert.x
 * context). Nothing locks; callbacks run synchronously inside the call that caused them.
 *
 * <p><b>Buffer ownership.</b>
 * <ul>
 *   <li>{@code YamuxSession.receive(buf)} borrows {@code buf}: it neither releases it nor
 *       moves its indices; payloads handed on are retained slices, so the caller may
 *       release {@code buf} as soon as the call returns.</li>
 *   <li>{@code FrameSink.send(frame)} gives the frame to the sink, which releases it.</li>
 *   <li>{@code YamuxStream.write(buf)} takes {@code buf}, whether it accepts it or not.</li>
 *   <li>A stream {@code handler} owns each buffer it is given and must release it.</li>
 * </ul>
 *
 * <p><b>Flow control.</b> A stream credits received bytes back to its peer only when the
 * application calls {@code YamuxStream.consumed(n)}; the receive window auto-tunes from
 * 256 KiB up to {@code YamuxConfig.maxStreamWindow()} (see {@code ReceiveWindow}).
 *
 * <p><b>Budgets.</b> Everything a peer can make a session hold or do is bounded per
 * connection: the sum of receive windows (32 MiB), inbound streams (256), the send window
 * we trust (16 MiB per stream), stream opens (64/s, burst 256), PING answers (10/s, burst
 * 64), control bytes sent while output is paused (64 KiB), late DATA on closed streams
 * (their leftover credit). The list with the reasons is in {@link dev.axnode.yamux.YamuxConfig}.
 *
 * <p><b>Failures.</b> {@link dev.axnode.yamux.YamuxException} and its subclasses, messages
 * prefixed {@code "yamux: "}. Protocol errors never escape {@code receive}: the session
 * sends GO_AWAY and reports through {@code Listener.onClose}.
 */
package dev.axnode.yamux;
