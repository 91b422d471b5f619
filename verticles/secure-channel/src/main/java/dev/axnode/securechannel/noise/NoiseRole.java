package dev.axnode.securechannel.noise;

/** Which side of the XX handshake this is: the dialer initiates, the listener responds. */
public enum NoiseRole {
  INITIATOR,
  RESPONDER
}
