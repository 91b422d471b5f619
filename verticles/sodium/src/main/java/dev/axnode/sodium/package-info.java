/** libsodium's ciphers through JNA, for the hot paths of the swarm; callers keep pure-Java fallbacks. */
package dev.axnode.sodium;
