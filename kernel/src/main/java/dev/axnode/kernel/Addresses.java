package dev.axnode.kernel;

/**
 * Every event-bus address of the node, in one place.
 *
 * <p>Verticles know each other only through these addresses and the message types in
 * {@link dev.axnode.kernel.message}; no verticle refers to another by class. Point-to-point
 * addresses ({@code request}) are served by exactly one logical verticle, which may run as
 * two instances for a moment during a swap; publish addresses ({@code …changed},
 * {@code …bound}) are notifications anyone may listen to.
 */
public final class Addresses {

  private Addresses() {
  }

  private static final String PREFIX = "ax.";

  /** Request, empty body: replies {@link dev.axnode.kernel.message.NodeIdentity}. */
  public static final String KEYSTORE_IDENTITY = PREFIX + "keystore.identity";
  /** Request {@link dev.axnode.kernel.message.SignRequest}: replies {@link dev.axnode.kernel.message.Signature}. */
  public static final String KEYSTORE_SIGN = PREFIX + "keystore.sign";
  /**
   * Request, JSON {@code {"op":"create"|"rotate"|"seal"|"accept"|"ls", …}}: the node's
   * per-semantics stream keys, which never leave the keystore. Every reply naming a key adds its
   * {@code "keyId"} (32 hex digits, a public hash of the key). {@code create {"semantics"}} →
   * {@code {"semantics","keyEpoch":1}} (ERR_FILE_EXISTS when it has one); {@code rotate
   * {"semantics","keyEpoch"?}} → {@code {"semantics","keyEpoch":n+1}} (or the epoch named;
   * ERR_FILE_EXISTS when held); {@code seal {"semantics","keyEpoch",
   * "recipient":nodeId}} → {@code {"sealed":base64}} (a libsodium sealed box to the recipient's
   * X25519 key derived from its node ID); {@code accept {"semantics","keyEpoch","sealed",
   * "keyId"?,"replace"?}} → {@code {"accepted":bool}} (false when not sealed to this node;
   * idempotent; ERR_EVENTS_REJECTED when the box holds another key than {@code keyId};
   * ERR_FILE_EXISTS when another key of the epoch is held, unless {@code "replace":true}); {@code ls} →
   * {@code {"keys":[{"semantics","keyEpochs":[…],"keyIds":[…]}]}}. ERR_EVENTS_NO_KEY for a key it does not
   * hold, ERR_INVALID_INPUT for a malformed request.
   */
  public static final String KEYSTORE_STREAMKEYS = PREFIX + "keystore.streamkeys";
  /**
   * Request, JSON {@code {"semantics","keyEpoch","items":[{"aad":b64,"plaintext":b64}, …]}}:
   * replies {@code {"items":[b64, …]}}, each {@code nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16)}
   * under that epoch's key with {@code aad} as associated data. ERR_EVENTS_NO_KEY without the key.
   */
  public static final String KEYSTORE_PAYLOADS_SEAL = PREFIX + "keystore.payloads.seal";
  /**
   * Request, JSON {@code {"items":[{"semantics","keyEpoch","aad":b64,"sealed":b64}, …]}}: replies
   * {@code {"items":[b64|null, …]}}, null where this node holds no such key or the item does not
   * authenticate (changed, or moved to another header).
   */
  public static final String KEYSTORE_PAYLOADS_OPEN = PREFIX + "keystore.payloads.open";

  /** Request {@link dev.axnode.kernel.message.SettingsGet}: replies {@link dev.axnode.kernel.message.JsonValue}. */
  public static final String SETTINGS_GET = PREFIX + "settings.get";
  /** Request {@link dev.axnode.kernel.message.SettingsSet}: replies the whole scope object with defaults as {@link dev.axnode.kernel.message.JsonValue}. */
  public static final String SETTINGS_SET = PREFIX + "settings.set";
  /** Request {@link dev.axnode.kernel.message.SettingsUnset}: replies {@link dev.axnode.kernel.message.JsonValue} (null). */
  public static final String SETTINGS_UNSET = PREFIX + "settings.unset";
  /** Request {@link dev.axnode.kernel.message.SettingsSchemaRequest}: replies the JSON schema as {@link dev.axnode.kernel.message.JsonValue}. */
  public static final String SETTINGS_SCHEMA = PREFIX + "settings.schema";
  /** Request, empty body: replies the scope names as a {@link dev.axnode.kernel.message.JsonValue} array. */
  public static final String SETTINGS_SCOPES = PREFIX + "settings.scopes";
  /** Publish {@link dev.axnode.kernel.message.SettingsChanged} after every persisted change. */
  public static final String SETTINGS_CHANGED = PREFIX + "settings.changed";

  /**
   * Local request, empty body: replies {@link dev.axnode.kernel.message.VerticleList}, the
   * verticles of every member of the node. The kernel of the asking JVM answers, gathering the
   * other members' lists at their {@link #kernelMember member addresses}, so a dead member's
   * kernel is never the one asked. (The three node-wide kernel addresses are local: a JVM
   * without a kernel asks the member addresses.)
   */
  public static final String KERNEL_VERTICLES_LIST = PREFIX + "kernel.verticles.list";
  /**
   * Request {@link dev.axnode.kernel.message.SwapRequest}: replies the new {@link dev.axnode.kernel.message.VerticleInfo}.
   * Local: the asking JVM's kernel forwards it to the member that runs the verticle.
   */
  public static final String KERNEL_VERTICLES_SWAP = PREFIX + "kernel.verticles.swap";
  /** Local request, empty body: replies {@link dev.axnode.kernel.message.NodeStatus}, the bound sockets of every member. */
  public static final String KERNEL_NODE_STATUS = PREFIX + "kernel.node.status";
  /**
   * Local request {@link dev.axnode.kernel.message.BoundAddress}, empty reply: a verticle
   * announces a socket it listens on, to its own member's kernel, before its start completes.
   */
  public static final String KERNEL_ADDRESS_BOUND = PREFIX + "kernel.address.bound";

  /** {@link #kernelMember} operation: that member's own {@link dev.axnode.kernel.message.VerticleList}. */
  public static final String MEMBER_VERTICLES_LIST = "verticles.list";
  /** {@link #kernelMember} operation: a {@link dev.axnode.kernel.message.SwapRequest} for a verticle of that member. */
  public static final String MEMBER_VERTICLES_SWAP = "verticles.swap";
  /** {@link #kernelMember} operation: that member's own {@link dev.axnode.kernel.message.NodeStatus}. */
  public static final String MEMBER_NODE_STATUS = "node.status";

  /**
   * The address of {@code operation} ({@code MEMBER_…}) at the kernel of one member of the
   * node, named by its cluster node id ({@link dev.axnode.kernel.message.Member#id}).
   */
  public static String kernelMember(String memberId, String operation) {
    return PREFIX + "kernel.member." + memberId + "." + operation;
  }

  /** Request {@link dev.axnode.kernel.message.Dial}: replies {@link dev.axnode.kernel.message.ConnectionInfo} once secured. */
  public static final String TRANSPORT_DIAL = PREFIX + "transport.dial";
  /** Request, empty body: replies {@link dev.axnode.kernel.message.ConnectionList}. */
  public static final String TRANSPORT_CONNECTIONS = PREFIX + "transport.connections";
  /** Request {@link dev.axnode.kernel.message.ConnectionOpen}: the psk layer joins a new swarm connection. */
  public static final String PSK_OPEN = PREFIX + "psk.open";
  /** Request {@link dev.axnode.kernel.message.ConnectionOpen}: the handshake layer joins a new connection. */
  public static final String HANDSHAKE_OPEN = PREFIX + "handshake.open";
  /** Publish {@link dev.axnode.kernel.message.ConnectionEvent}: a connection was secured or closed. */
  public static final String CONNECTION_EVENTS = PREFIX + "connection.events";

  /**
   * Request, empty body: the transport's live connection entries, replied as a
   * {@link dev.axnode.kernel.message.JsonValue} {@code {"connections": n, "pending": n}}
   * (pending: accepted or dialed, not yet secured). Every refused or closed connection
   * leaves these counts, so they return to 0 when the swarm port is quiet.
   */
  public static final String TRANSPORT_STATS = PREFIX + "transport.stats";
  /** Request, empty body: the psk layer's live entries as a {@link dev.axnode.kernel.message.JsonValue} {@code {"connections": n}}. */
  public static final String PSK_STATS = PREFIX + "psk.stats";
  /**
   * Request, empty body: the handshake layer's live entries as a
   * {@link dev.axnode.kernel.message.JsonValue} {@code {"connections": n, "pending": n}} (pending: not yet secured).
   */
  public static final String HANDSHAKE_STATS = PREFIX + "handshake.stats";

  /**
   * Request, empty body: replies a {@link dev.axnode.kernel.message.JsonValue} array of the
   * secured peers: peerId, connectionId, remoteAddress, direction, since, rttMillis, agentVersion.
   */
  public static final String SWARM_PEERS = PREFIX + "swarm.peers";
  /** Request {@link dev.axnode.kernel.message.PerfRequest}: replies the perf result as a {@link dev.axnode.kernel.message.JsonValue}. */
  public static final String SWARM_PERF = PREFIX + "swarm.perf";
  /** Request {@link dev.axnode.kernel.message.SetupsRequest}: replies the setup figures as a {@link dev.axnode.kernel.message.JsonValue}. */
  public static final String SWARM_SETUPS = PREFIX + "swarm.setups";
  /** Request {@link dev.axnode.kernel.message.SwarmProgressRequest}: replies a running perf's or setups' figures so far as a {@link dev.axnode.kernel.message.JsonValue}, null when none runs under that id. */
  public static final String SWARM_PROGRESS = PREFIX + "swarm.progress";

  /**
   * Request, JSON {@code {"connectionId":id, "protocol":p, "streamId":s}}: the handshake
   * layer opens a yamux stream on that secured swarm connection, agrees {@code p} (one of its
   * config {@code appProtocols}) by multistream-select and bridges the stream to the
   * {@link #link links} of {@code s} with stage {@code "app"}: bytes from the peer go to
   * {@code link(s, "app", "up")}, where the caller registered its
   * {@link dev.axnode.kernel.link.LinkReceiver} before asking; bytes for the peer come from the
   * caller's {@link dev.axnode.kernel.link.LinkSender} to {@code link(s, "app", "down")}, sent
   * only after the reply. Replies JSON {@code {"streamId":s, "peerId":id}} once agreed.
   * ERR_INVALID_INPUT for a malformed request, a protocol not served or a stream id in use;
   * ERR_NODE_UNREACHABLE when the connection is gone, the peer refuses the protocol or the
   * connection's bridged streams are at their limit.
   */
  public static final String SWARM_STREAM_OPEN = PREFIX + "swarm.stream.open";

  /**
   * Request, JSON {@code {"connectionId":id, "streamId":s, "peerId":id, "protocol":p}}: the
   * handshake layer accepted an inbound yamux stream for app protocol {@code p}. The app
   * registers a {@link dev.axnode.kernel.link.LinkReceiver} at {@code link(s, "app", "up")}
   * and a {@link dev.axnode.kernel.link.LinkSender} to {@code link(s, "app", "down")}, then
   * replies (any body); only then do bytes flow. No consumer, or a failure, resets the stream.
   * A clean {@link dev.axnode.kernel.link.LinkEnd} is a half-close (yamux FIN), an error one
   * a reset; a closed connection ends both links with an error.
   */
  public static String swarmInbound(String protocol) {
    return PREFIX + "swarm.inbound." + protocol;
  }

  /**
   * Request, JSON {@code {"events":[{"semantics":s,"name":n,"payload":any}, …]}} (1 to
   * {@code EventLimits.MAX_BATCH} events): the events verticle stores them as one batch of the
   * node's own stream and replies, once durable, {@code {"data":[{"stream":{…},"offset":n,
   * "lamport":n,"timestamp":µs}, …]}} in request order. ERR_EVENTS_READ_ONLY when the node is
   * read-only, ERR_INVALID_INPUT for a malformed batch, ERR_EVENTS_NO_KEY for an encrypted
   * family this node holds no key of.
   */
  public static final String EVENTS_PUBLISH = PREFIX + "events.publish";
  /**
   * Request, JSON {@code {"lowerBound":{source:offset}, "upperBound":{source:offset},
   * "filter":{"semantics":s,"name":n,"source":id}, "order":"lamport"|"reverse"|"source",
   * "limit":n, "after":cursor}} (every field optional; lowerBound exclusive, upperBound
   * inclusive and by default what the node holds now): replies one page
   * {@code {"events":[event, …], "next":cursor|null}}; ask again with {@code "after": next}
   * until next is null. An event is {@code {"stream":{"semantics","name","source"},"offset",
   * "lamport","timestamp","payload"}}; one this node cannot decrypt has no payload and
   * {@code "sealed":{"keyEpoch":n}} instead.
   */
  public static final String EVENTS_QUERY = PREFIX + "events.query";
  /** Request, empty body: replies {@code {"present":{source:highestOffset}, "topic":t}}. */
  public static final String EVENTS_OFFSETS = PREFIX + "events.offsets";
  /**
   * Publish (local), JSON {@code {"present":{source:highestOffset}}}: sent after new events
   * became durable (own or replicated), naming the sources that grew. Subscribers query from
   * their cursor when it arrives; it carries no events, so a slow subscriber pulls at its pace.
   */
  public static final String EVENTS_APPENDED = PREFIX + "events.appended";
  /**
   * Request, JSON {@code {"op":"create"|"grant"|"rotate"|"ls", "semantics":s, "nodeId":id,
   * "revoke":[id, …]}}: stream-key management (`ax events keys …`), replied with a JSON result.
   */
  public static final String EVENTS_KEYS = PREFIX + "events.keys";

  /**
   * Request (in the {@code ax} client's own Vert.x, never a node's): the client verticle
   * performs one admin operation on a node. The body is the client's request JSON
   * ({@code dev.axnode.cli.ClientRequest}); the reply is the API's envelope,
   * {@code {"code":"OK","result":…}} or {@code {"code":"ERR_…","message":…}}.
   */
  public static final String AX_CLIENT_CALL = PREFIX + "client.call";

  /**
   * Request: the terminal of one {@code ax} process, {@code id} chosen by it. The client
   * verticle sends {@code {"notice": text}} (printed on stderr, then acknowledged) and
   * {@code {"ask": question}} (replied {@code {"answer": line}}, null without an answer).
   */
  public static String axClientTerminal(String id) {
    return PREFIX + "client.terminal." + id;
  }

  /**
   * The logical name of the verticle that serves {@code address} ({@code ax.keystore.sign} →
   * {@code keystore}), for error messages that must say what is missing.
   */
  public static String verticleOf(String address) {
    if (address == null || !address.startsWith(PREFIX)) {
      return String.valueOf(address);
    }
    String[] parts = address.substring(PREFIX.length()).split("\\.");
    return switch (parts[0]) {
      case "swarm" -> "handshake";
      case "link" -> parts.length > 2 ? parts[parts.length - 2] : "link";
      case "connection" -> "transport";
      default -> parts[0];
    };
  }

  /**
   * The data address of a per-connection link into layer {@code stage} ("psk", "handshake",
   * "transport") travelling {@code direction} ("up" from the network, "down" towards it).
   * Its credit address is this plus {@code .credit}; see {@link dev.axnode.kernel.link.LinkAddress}.
   */
  public static String link(String connectionId, String stage, String direction) {
    return PREFIX + "link." + connectionId + "." + stage + "." + direction;
  }
}
