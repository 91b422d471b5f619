package dev.axnode.cli;

/** What known hosts say about the identity a node proved (OpenSSH's HOST_OK / HOST_NEW / HOST_CHANGED). */
enum HostStatus {
  /** The address is known with this node ID. */
  OK,
  /** The address is not known yet. */
  NEW,
  /** The address is known with another node ID: a new node, or someone in the middle. */
  CHANGED
}
