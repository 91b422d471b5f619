/**
 * libp2p private networks (pnet PSK v1): {@link dev.axnode.psk.XSalsa20}, the per-connection
 * {@link dev.axnode.psk.PnetCipher} and the swarm key {@link dev.axnode.psk.PnetFingerprint}.
 *
 * <p>Spec: https://github.com/libp2p/specs/blob/master/pnet/Private-Networks-PSK-V1.md
 */
package dev.axnode.psk;
