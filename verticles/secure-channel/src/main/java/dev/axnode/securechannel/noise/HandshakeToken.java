package dev.axnode.securechannel.noise;

/**
 * The tokens of a Noise message pattern.
 *
 * <p>Spec: https://noiseprotocol.org/noise.html#message-format (rev 34, 7.1)
 */
enum HandshakeToken {
  /** The sender's ephemeral public key, in clear. */
  E,
  /** The sender's static public key, encrypted once a key exists. */
  S,
  EE,
  ES,
  SE,
  SS
}
