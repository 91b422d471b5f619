package dev.axnode.kernel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.axnode.kernel.keys.NodeId;
import dev.axnode.kernel.link.Chunk;
import dev.axnode.kernel.link.Credit;
import dev.axnode.kernel.link.LinkEnd;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalogue of messages of every type that has a codec, boundary values included (nulls,
 * empty lists, extreme numbers, non-ASCII text), and a comparison that treats two messages
 * as equal when every component is: arrays by content, JSON by value.
 */
public final class MessageSamples {

  private MessageSamples() {
  }

  /** Every codec {@link MessageCodecs#registerAll} registers, by message type. */
  @SuppressWarnings("unchecked")
  public static Map<Class<?>, MessageCodec<Object, Object>> registeredCodecs() {
    Map<Class<?>, MessageCodec<Object, Object>> codecs = new LinkedHashMap<>();
    EventBus recorder = (EventBus) Proxy.newProxyInstance(EventBus.class.getClassLoader(),
        new Class<?>[] {EventBus.class}, (proxy, method, args) -> {
          if (method.getName().equals("registerDefaultCodec")) {
            codecs.put((Class<?>) args[0], (MessageCodec<Object, Object>) args[1]);
          }
          return proxy;
        });
    MessageCodecs.registerAll(recorder);
    return codecs;
  }

  /** Samples of every message type, by type, in the order {@link MessageCodecs#registerAll} registers them. */
  public static Map<Class<?>, List<Object>> all() {
    Map<Class<?>, List<Object>> samples = new LinkedHashMap<>();
    keysAndSettings(samples);
    kernel(samples);
    swarm(samples);
    return samples;
  }

  private static final JsonObject TREE = new JsonObject().put("com.actyx.os", new JsonObject()
      .put("general", new JsonObject().put("displayName", "Press 7 — Halle ✓").put("authorizedKeys", new JsonArray())
          .put("n", Long.MIN_VALUE).put("d", 0.1).put("b", true).putNull("none")));

  private static void keysAndSettings(Map<Class<?>, List<Object>> samples) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 7 - 100);
    }
    JsonObject tree = TREE.copy();
    samples.put(NodeIdentity.class, List.of(new NodeIdentity(NodeId.ofPublicKey(key))));
    samples.put(SignRequest.class, List.of(SignRequest.noiseStaticKey(key), new SignRequest(null, null),
        new SignRequest(SignPurpose.NOISE_STATIC_KEY, new byte[0]), SignRequest.tlsCertKey(new byte[91])));
    samples.put(Signature.class, List.of(new Signature(new byte[64]), new Signature(key)));
    samples.put(JsonValue.class, List.of(new JsonValue(tree), new JsonValue(new JsonArray().add(1).add("a").addNull()),
        new JsonValue("text"), new JsonValue(42), new JsonValue(-1.5), new JsonValue(true), new JsonValue(null)));
    samples.put(SettingsGet.class, List.of(new SettingsGet(".", false), new SettingsGet("com.actyx.os/general", true)));
    samples.put(SettingsSet.class, List.of(new SettingsSet("com.actyx.os/general/displayName", "\"quoted\" ü"),
        new SettingsSet("com.actyx.os", tree), new SettingsSet("a", null)));
    samples.put(SettingsUnset.class, List.of(new SettingsUnset("com.actyx.os/general/displayName")));
    samples.put(SettingsSchemaRequest.class, List.of(new SettingsSchemaRequest("com.actyx.os")));
    samples.put(SettingsChanged.class, List.of(new SettingsChanged("com.actyx.os/general", tree)));
  }

  private static void kernel(Map<Class<?>, List<Object>> samples) {
    Member local = new Member(Member.LOCAL, "host-ä", null, 4242);
    Member clustered = new Member("6f1c-uuid", "edge-7", "10.0.0.5:41000", Long.MAX_VALUE);
    VerticleInfo info = new VerticleInfo("keystore", "dev.axnode.keystore.KeystoreVerticle", "0.1.0",
        "b1a5-…", "RUNNING", "built-in", clustered);
    VerticleInfo bare = new VerticleInfo("x", null, null, null, null, null, null);
    samples.put(VerticleInfo.class, List.of(info, bare, new VerticleInfo("settings", "S", "1", "id", "DRAINING", "/jars/s.jar", local)));
    samples.put(VerticleList.class, List.of(new VerticleList(List.of()), new VerticleList(List.of(info, bare))));
    samples.put(SwapRequest.class, List.of(new SwapRequest("settings", null, null, null),
        new SwapRequest("settings", "/data/verticles/s-0a1b.jar", "com.example.S", new JsonObject().put("k", 1))));
    samples.put(BoundAddress.class, List.of(new BoundAddress("admin-api", "http", "127.0.0.1", 4457),
        new BoundAddress("transport", "tcp", "::1", 65535)));
    samples.put(NodeStatus.class, List.of(new NodeStatus(0, "0.1.0", List.of()),
        new NodeStatus(Long.MAX_VALUE, null, List.of(new BoundAddress("a", "b", "c", 0)))));
  }

  private static void swarm(Map<Class<?>, List<Object>> samples) {
    samples.put(ConnectionOpen.class, List.of(new ConnectionOpen("c-1", true, "/ip4/1.2.3.4/tcp/4001", null, "transport"),
        new ConnectionOpen("c-2", false, "/ip6/::1/tcp/1", "12D3KooWxyz", "psk")));
    samples.put(ConnectionEvent.class, List.of(ConnectionEvent.secured("c-1", "12D3KooWxyz"),
        ConnectionEvent.closed("c-1", null), ConnectionEvent.closed("c-1", "pnet: wrong key")));
    samples.put(Dial.class, List.of(new Dial("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWxyz")));
    samples.put(ConnectionInfo.class, List.of(new ConnectionInfo("c", "p", "/ip4/1.2.3.4/tcp/1", "inbound", 1, 0, Long.MAX_VALUE)));
    samples.put(ConnectionList.class, List.of(new ConnectionList(List.of()),
        new ConnectionList(List.of(new ConnectionInfo("c", null, null, "outbound", -1, Long.MIN_VALUE, 3)))));
    samples.put(PerfRequest.class, List.of(new PerfRequest("/ip4/1.2.3.4/tcp/1", 0, 1L << 40),
        new PerfRequest("/ip4/1.2.3.4/tcp/1", 1, 2, "run-7")));
    samples.put(SetupsRequest.class, List.of(new SetupsRequest("/ip4/1.2.3.4/tcp/1/p2p/x", SetupsRequest.MAX_SECONDS),
        new SetupsRequest("/ip4/1.2.3.4/tcp/1/p2p/x", 1, "run-8")));
    samples.put(SwarmProgressRequest.class, List.of(new SwarmProgressRequest("run-7"),
        new SwarmProgressRequest("r".repeat(SwarmProgressRequest.MAX_RUN_ID_LENGTH))));
    samples.put(EventsPublish.class, List.of(new EventsPublish(List.of(new EventsPublish.Event("orders", "o-1",
            "{\"qty\":3}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
        new EventsPublish(List.of(new EventsPublish.Event("zähler ✓", "", new byte[0]),
            new EventsPublish.Event("s", "n", "null".getBytes(java.nio.charset.StandardCharsets.UTF_8))))));
    byte[] aad = {1, 2, 3};
    samples.put(PayloadSeal.class, List.of(new PayloadSeal("orders", 1, List.of(aad), List.of("{\"i\":1}".getBytes(
            java.nio.charset.StandardCharsets.UTF_8))),
        new PayloadSeal("zähler ✓", Integer.MAX_VALUE, List.of(), List.of())));
    samples.put(PayloadsSealed.class, List.of(new PayloadsSealed(List.of(new byte[28], aad)), new PayloadsSealed(List.of())));
    samples.put(EventsPublished.class, List.of(new EventsPublished("12D3KooWxyz", List.of()),
        new EventsPublished("12D3KooWxyz", List.of(new EventsPublished.Stored("orders", "o-1", 0, 1, 1_700_000_000_000_000L),
            new EventsPublished.Stored("zähler ✓", "n", Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)))));
    samples.put(Chunk.class, List.of(new Chunk(Buffer.buffer()), new Chunk(Buffer.buffer(new byte[] {0, -1, 127})),
        new Chunk(Buffer.buffer(new byte[65_536]))));
    samples.put(Credit.class, List.of(new Credit(0), new Credit(Long.MAX_VALUE)));
    samples.put(LinkEnd.class, List.of(new LinkEnd(null), new LinkEnd("yamux: protocol error ✗")));
  }

  /** Encodes {@code message} onto the wire at a position other than 0 and decodes it back. */
  public static Object viaWire(MessageCodec<Object, Object> codec, Object message) {
    Buffer wire = Buffer.buffer().appendString("frame header");
    int position = wire.length();
    codec.encodeToWire(wire, message);
    wire.appendString("next message");
    return codec.decodeFromWire(position, wire);
  }

  /** Asserts that {@code actual} carries what {@code expected} does, component by component. */
  public static void assertSameMessage(Object expected, Object actual) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual);
      return;
    }
    if (expected instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) actual);
    } else if (expected instanceof Buffer || expected instanceof NodeId || expected instanceof Enum<?>) {
      assertEquals(expected, actual);
    } else if (expected instanceof List<?> list) {
      List<?> other = (List<?>) actual;
      assertEquals(list.size(), other.size());
      for (int i = 0; i < list.size(); i++) {
        assertSameMessage(list.get(i), other.get(i));
      }
    } else if (expected.getClass().isRecord()) {
      assertEquals(expected.getClass(), actual.getClass());
      for (RecordComponent component : expected.getClass().getRecordComponents()) {
        assertSameMessage(value(component, expected), value(component, actual));
      }
    } else {
      // JSON values: compared as JSON, where 42 read back as an Integer equals a Long 42.
      assertEquals(new JsonObject().put("v", expected), new JsonObject().put("v", actual),
          () -> expected + " vs " + actual);
    }
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Every type registered has samples, and every sample type is registered. */
  public static void assertCatalogueComplete() {
    assertEquals(registeredCodecs().keySet(), all().keySet());
    assertTrue(all().values().stream().noneMatch(List::isEmpty));
  }
}
